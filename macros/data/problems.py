"""Problems found in data files: a stable code, a place, what is wrong and how to fix it.

Codes never change meaning once published; CONTRIBUTING.md lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: code -> (short name, what the rule protects). Documented in CONTRIBUTING.md.
CODES: dict[str, tuple[str, str]] = {
    "SC001": ("yaml-syntax", "The file is not valid YAML."),
    "SC002": ("tab-indent", "Indentation uses a tab; YAML needs spaces."),
    "SC003": ("duplicate-key", "The same key appears twice in one mapping; one of them would be lost."),
    "SC004": ("unknown-key", "A key the model does not know (often a typo)."),
    "SC005": ("wrong-type", "A value of the wrong type (a list where text belongs, yes/no read as true/false, ...)."),
    "SC006": ("missing-field", "A required field is missing."),
    "SC007": ("duplicate-id", "Two items in one procedure share an id."),
    "SC008": ("duplicate-procedure-id", "Two procedure files share a procedure id."),
    "SC009": ("unknown-platform", "The procedure names a platform that has no data/platforms file."),
    "SC010": ("bad-date", "A date is not a real date written YYYY-MM-DD."),
    "SC011": ("future-date", "last_reviewed (or accessed) is in the future."),
    "SC012": ("bad-url", "A link is not an https:// address (http://, javascript:, data:, a relative path, ...)."),
    "SC013": ("empty-list", "A list that must have entries is empty."),
    "SC014": ("whitespace", "Text starts or ends with spaces or line breaks."),
    "SC015": ("too-long", "Text is longer than the field allows."),
    "SC016": ("raw-html", "Text contains HTML tags; write plain text."),
    "SC017": ("yaml-tag", "A YAML tag (!!python/..., !something) is not allowed."),
    "SC018": ("yaml-anchor", "YAML anchors and aliases (&name, *name) are not allowed."),
    "SC019": ("not-utf8", "The file is not UTF-8 text."),
    "SC020": ("no-source", "The procedure cites no source."),
    "SC021": ("no-irreversible-step", "An irreversible procedure does not mark the step that cannot be undone."),
    "SC022": ("step-not-imperative", "A step or precaution title does not start with a verb."),
    "SC023": ("wrong-location", "The file's place does not match its platform or id."),
    "SC024": ("unknown-source", "An item cites a source id that the procedure does not list."),
    "SC025": ("bad-value", "A value is not one of the allowed ones or does not match the required form."),
    "SC026": ("empty-file", "The file is empty or is not a mapping of fields."),
    "SC027": ("schema-comment", "The file does not start with the editor line that points to its JSON Schema."),
    "SC028": ("multi-line-title", "A title or name is split over several lines."),
    "SC029": ("markdown-link", "Text contains a Markdown link or image; it would show as brackets, not a link."),
    "SC050": ("no-source-or-advice", "A step, choice or precaution cites no source and is not marked 'advice: true'."),
    "SC051": ("bad-choices", "An 'or' step has one choice only, has substeps too, or is the irreversible step."),
    "SC054": ("no-official-source", "No source is the platform's own page, and 'no_official_source' does not say why."),
    "SC055": ("duplicate-term", "The glossary defines the same term (or alias) twice."),
    "SC056": ("placeholder", "A field still holds the example text or example.com address that `make new` wrote."),
    "SC070": ("undefined-term", "A guide uses a term that data/glossary.yml lists under must_define but has no entry for."),
}


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
    def text(self) -> str:
        """`CODE message (fix)` on one line (a line break typed in the data shows as \\n)."""
        return f"{self.code} {self.message} ({self.fix})".replace("\r", "\\r").replace("\n", "\\n")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.text}"

    def github_annotation(self) -> str:
        """The workflow command that shows this problem on a pull request's diff."""
        where = self.file.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        text = self.text.replace("%", "%25")
        return f"::error file={where},line={self.line},col={self.col},title={self.code}::{text}"


class DataError(Exception):
    """Raised when the data cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
