"""Read a YAML data file strictly, remembering where every value stands.

Why not `yaml.safe_load`: PyYAML follows YAML 1.1, where `yes` is true, `1:30` is 90
and `010` is 8, and where a repeated key silently wins. Here a plain scalar only
becomes a boolean for true/false, a number for decimal digits, and null for
null/~/nothing; everything else stays the text the contributor typed. Anchors,
aliases and tags are refused (which also stops "billion laughs" alias bombs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")

Path_ = tuple  # a location inside the document: ("steps", 2, "title")


@dataclass
class Document:
    """The plain Python value of a file and the (line, col) of each location in it."""

    value: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    header: tuple[str, ...] = ()  # the comment lines the file opens with (the editor's schema line)

    def where(self, loc: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest known parent."""
        table = self.key_marks if key else self.marks
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, code: str, mark, message: str, fix: str):
        self.code, self.mark, self.message, self.fix = code, mark, message, fix


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes but refuses anchors, aliases and explicit tags."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("SC018", event.start_mark, "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the text out in full where it is needed")
        tag = getattr(event, "tag", None)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused("SC017", event.start_mark, f"the YAML tag '{shown}' is not allowed",
                           "remove the tag; put text in quotes if it needs them")
        return super().compose_node(parent, index)


def _mark(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


def _scalar(node: ScalarNode):
    if node.style is not None:  # quoted or block text: always text
        return node.value
    text = node.value
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in _NULL:
        return None
    if _INT.match(text):
        return int(text)
    return text


def _build(node: Node, loc: tuple, doc: Document, problems: list[Problem], file: str):
    doc.marks[loc] = _mark(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(child, loc + (i,), doc, problems, file) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = _mark(key_node)
                problems.append(Problem(file, line, col, "SC001", "a key must be plain text",
                                        "write the key as a single word followed by a colon"))
                continue
            key = key_node.value
            if key in result:
                line, col = _mark(key_node)
                first = doc.key_marks[loc + (key,)][0]
                problems.append(Problem(file, line, col, "SC003",
                                        f"{_dotted(loc + (key,))}: key '{key}' appears twice (first on line {first})",
                                        "keep one of them and delete the other"))
                continue
            doc.key_marks[loc + (key,)] = _mark(key_node)
            result[key] = _build(value_node, loc + (key,), doc, problems, file)
        return result
    raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover


def _dotted(loc: tuple) -> str:
    """('steps', 2, 'title') -> 'steps[2].title' (0-based, like the file's own order)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _opening_comments(text: str) -> tuple[str, ...]:
    """The comment lines before the first field, stripped (blank lines skipped)."""
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if line.strip():
            found.append(line.strip())
    return tuple(found)


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file. Returns (document, problems); document is None when unreadable."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, "SC019", f"byte 0x{raw[err.start]:02x} is not UTF-8 text",
                              "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)")]
    text = text.removeprefix("\ufeff")
    problems: list[Problem] = []
    for number, line_text in enumerate(text.splitlines(), 1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(display, number, indent.index("\t") + 1, "SC002",
                                    "the line is indented with a tab",
                                    "indent with spaces only (two per level)"))
    if problems:
        return None, problems
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except _Refused as err:
        line, col = _mark(err.mark)
        return None, [Problem(display, line, col, err.code, err.message, err.fix)]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, col = _mark(mark) if mark else (1, 1)
        what = getattr(err, "problem", None) or str(err)
        return None, [Problem(display, line, col, "SC001", f"YAML syntax: {what}",
                              "check the indentation and quoting on this line and the one before; "
                              "text containing ': ' or starting with a special character needs quotes")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(display, 1, 1, "SC026", "the file is empty",
                              "start from a copy of an existing file or run `make new`")]
    doc = Document(None, header=_opening_comments(text))
    doc.value = _build(node, (), doc, problems, display)
    if not isinstance(doc.value, dict):
        return None, problems + [Problem(display, 1, 1, "SC026", "the file is not a mapping of fields",
                                         "the file must be a list of `field: value` lines")]
    return doc, problems
