"""Problems found in data files: a stable code, a severity, a place, what is wrong and how to fix it.

Codes never change meaning or severity once published; CONTRIBUTING.md lists them all. An
error stops `make check` (exit 1) and the build; a warning is printed and stops neither,
unless `make check` runs with --strict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .chars import shown

ERROR, WARNING = "error", "warning"


class Code(NamedTuple):
    name: str
    severity: str  # ERROR or WARNING
    meaning: str


#: code -> (short name, severity, what the rule protects). Documented in CONTRIBUTING.md.
#: Never reused: SC033 (anchor-clash), retired before any release (headings have fixed ids).
_TABLE: dict[str, tuple[str, str, str]] = {
    "SC001": ("yaml-syntax", ERROR, "The file is not valid YAML."),
    "SC002": ("tab-indent", ERROR, "Indentation uses a tab; YAML needs spaces."),
    "SC003": ("duplicate-key", ERROR, "The same key appears twice in one mapping; one of them would be lost."),
    "SC004": ("unknown-key", ERROR, "A key the model does not know (often a typo)."),
    "SC005": ("wrong-type", ERROR, "A value of the wrong type (a list where text belongs, yes/no read as true/false, ...)."),
    "SC006": ("missing-field", ERROR, "A required field is missing."),
    "SC007": ("duplicate-id", ERROR, "Two items in one procedure share an id."),
    "SC008": ("duplicate-procedure-id", ERROR, "Two procedure files share a procedure id."),
    "SC009": ("unknown-platform", ERROR, "The procedure names a platform that has no data/platforms file."),
    "SC010": ("bad-date", ERROR, "A date is not a real date written YYYY-MM-DD."),
    "SC011": ("future-date", ERROR, "last_reviewed (or accessed) is in the future."),
    "SC012": ("bad-url", ERROR, "A link is not an https:// address (http://, javascript:, data:, a relative path, ...)."),
    "SC013": ("empty-list", ERROR, "A list that must have entries is empty."),
    "SC014": ("whitespace", ERROR, "Text starts or ends with spaces or line breaks."),
    "SC015": ("too-long", ERROR, "Text is longer than the field allows."),
    "SC016": ("raw-html", ERROR, "Text contains HTML tags; write plain text."),
    "SC017": ("yaml-tag", ERROR, "A YAML tag (!!python/..., !something) is not allowed."),
    "SC018": ("yaml-anchor", ERROR, "YAML anchors and aliases (&name, *name) are not allowed."),
    "SC019": ("not-utf8", ERROR, "The file is not UTF-8 text."),
    "SC020": ("no-source", ERROR, "The procedure cites no source."),
    "SC021": ("no-irreversible-step", ERROR, "An irreversible procedure does not mark the step that cannot be undone."),
    "SC022": ("step-not-imperative", ERROR, "A step or precaution title does not start with a verb."),
    "SC023": ("wrong-location", ERROR, "The file's place does not match its platform or id."),
    "SC024": ("unknown-source", ERROR, "An item cites a source id that the procedure does not list."),
    "SC025": ("bad-value", ERROR, "A value is not one of the allowed ones or does not match the required form."),
    "SC026": ("empty-file", ERROR, "The file is empty or is not a mapping of fields."),
    "SC027": ("schema-comment", ERROR, "The file does not start with the editor line that points to its JSON Schema."),
    "SC028": ("multi-line-title", ERROR, "A title or name is split over several lines."),
    "SC029": ("markdown-link", ERROR, "Text contains a Markdown link or image; it would show as brackets, not a link."),
    "SC030": ("unexpected-file", ERROR, "A file or folder under data/ is not a .yml data file where one is expected (.yaml, .YML, a backup copy, a nested folder, ...)."),
    "SC031": ("reserved-name", ERROR, "A platform id or a procedure's file name is a name the site's build writes itself (index, search, assets, ...)."),
    "SC032": ("address-taken", ERROR, "Two sources claim one page address: a hand-written page or folder in docs/, or another data file."),
    "SC034": ("symlink", ERROR, "A data file or folder is a symbolic link; links are never followed."),
    "SC035": ("not-a-file", ERROR, "A data file is not a regular file (a folder named like a file, a FIFO, a device, a socket)."),
    "SC036": ("file-too-large", ERROR, "A data file is larger than 1 MB."),
    "SC037": ("unreadable", ERROR, "A data file or folder cannot be read (permissions, or it vanished while being read)."),
    "SC038": ("bidi-control", ERROR, "Text contains an invisible bidirectional control character, which can reorder how it shows."),
    "SC039": ("control-character", ERROR, "Text contains a control character other than a line break (a carriage return, an escape, a NEL, ...)."),
    "SC040": ("no-visible-text", ERROR, "Text has no visible character: only spaces, fillers or invisible format characters."),
    "SC041": ("cut-by-comment", WARNING, "Unquoted text is followed by ' #' on its line: YAML reads the rest of the line as a comment."),
    "SC042": ("misleading-url", ERROR, "An address has a user name before '@', a backslash or an odd host name, so it may not go where it seems to."),
    "SC043": ("non-ascii-host", ERROR, "An address's host name has non-ASCII characters; write it in its xn-- form."),
    "SC044": ("host-not-official", ERROR, "An official address is not on one of the platform's domains."),
    "SC045": ("too-many", ERROR, "A list has more entries than the field allows."),
    "SC050": ("no-source-or-advice", ERROR, "A step, choice or precaution cites no source and is not marked 'advice: true'."),
    "SC051": ("bad-choices", ERROR, "An 'or' step has one choice only, has substeps too, or is the irreversible step."),
    "SC054": ("no-official-source", ERROR, "No source is the platform's own page, and 'no_official_source' does not say why."),
    "SC055": ("duplicate-term", ERROR, "The glossary defines the same term (or alias) twice."),
    "SC056": ("placeholder", ERROR, "A field still holds the example text or example.com address that `make new` wrote."),
    # translation files (macros/data/translation_checks.py): a malformed file is an error; what an
    # English edit causes is a warning, so an English-only contributor is never blocked
    "SC100": ("translation-language", ERROR, "A translation file's name or its `language` is not a language the site has, or the two disagree."),
    "SC101": ("bad-fingerprint", ERROR, "A translated unit has no `from`, or it is not the fingerprint that `make translate` writes."),
    "SC110": ("translation-stale", WARNING, "The English of a translated unit changed since it was translated; the page shows the English until it is updated."),
    "SC111": ("translation-missing", WARNING, "Units of the English file are not translated yet; the page shows them in English."),
    "SC112": ("translation-orphaned", WARNING, "A translated unit's id is no longer in the English file (renamed or removed)."),
    "SC113": ("translation-mismatch", WARNING, "A translated unit's fields or list lengths differ from its English unit; the page shows the English."),
    "SC114": ("han-space", WARNING, "A space between two Chinese characters, usually left by YAML folding (>-) or a line break in plain text."),
    "SC115": ("translation-without-english", WARNING, "A translation file has no English file beside it (renamed or deleted)."),
    "SC116": ("untranslatable-entry", WARNING, "An English note or wait has no `id`, so it cannot be translated; it shows in English."),
    "SC070": ("undefined-term", WARNING, "A guide uses a term that data/glossary.yml lists under must_define but has no entry for."),
    "SC090": ("unknown-change-item", ERROR, "A 'changes' entry names an item id that the procedure does not have."),
    "SC091": ("review-without-change", WARNING, "last_reviewed moved since the base branch, but no 'changes' entry is dated after the previous review."),
    "SC092": ("unknown-start-step", ERROR, "A wait's start names a step id that the procedure does not have."),
    "SC093": ("bad-wait-start", ERROR, "A wait's start gives neither or both of 'event' and 'step'."),
    "SC094": ("unknown-placeholder", ERROR, "A message's title or body has a {placeholder} that none of its fields declares."),
    "SC095": ("unused-field", ERROR, "A message declares a field that its title and body never use."),
    "SC096": ("duplicate-field", ERROR, "A message declares the same field twice."),
}
CODES: dict[str, Code] = {code: Code(*row) for code, row in _TABLE.items()}


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping of a message (@actions/core escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's workflow-command escaping of a property value (@actions/core escapeProperty)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

ERROR, WARNING = "error", "warning"
#: The codes that warn: printed by `make check`, which still passes; never stopping a build.
#: Translations only: an English edit must never fail the check because of a translation.
#: (Branch sec-data gives every CODES row its severity; once merged, these move there.)
WARNINGS = frozenset({"SC110", "SC111", "SC112", "SC113", "SC114", "SC115", "SC116"})


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `line` and `col` are 1-based."""

    file: str
    line: int
    col: int
    code: str
    message: str
    fix: str

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def text(self) -> str:
        """`CODE message (fix)` on one line: a line break, a control or bidirectional character
        that came from the data is spelled out (\\n, \\x1b, \\u202e), never printed as it is."""
        return shown(f"{self.code} {self.message} ({self.fix})")

    @property
    def where(self) -> str:
        return f"{shown(self.file)}:{self.line}:{self.col}"

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.is_error else f"{self.where}: warning: {self.text}"

    def github_annotation(self, strict: bool = False) -> str:
        """The workflow command that shows this problem on a pull request's diff (`::error` or
        `::warning`; with `strict`, a warning is an error)."""
        level = ERROR if self.is_error or strict else WARNING
        where = _escape_property(shown(self.file, keep="\r\n"))  # line breaks: %0D, %0A (GitHub's rules)
        text = _escape_data(shown(f"{self.code} {self.message} ({self.fix})", keep="\r\n"))
        return f"::{level} file={where},line={self.line},col={self.col},title={_escape_property(self.code)}::{text}"


class DataError(Exception):
    """Raised when the data cannot be loaded; carries the errors found (warnings never stop a build)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
