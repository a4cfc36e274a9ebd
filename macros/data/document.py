"""A data file as read: its plain value, its opening comments, and where each value stands."""

from __future__ import annotations


class Document:
    """The plain Python value of a file and the (line, col) of each location in it.

    A file read the quick way (quickread.py) knows the marks of its top level only; the first
    question about any other place reads the file again in full (`_refill`)."""

    def __init__(self, value: object = None, header: tuple[str, ...] = (), refill=None):
        self.value = value
        self.header = header  # the comment lines the file opens with (the editor's schema line)
        self._marks: dict[tuple, tuple[int, int]] = {}
        self._key_marks: dict[tuple, tuple[int, int]] = {}
        self._refill = refill

    @property
    def marks(self) -> dict[tuple, tuple[int, int]]:
        self._complete()
        return self._marks

    @property
    def key_marks(self) -> dict[tuple, tuple[int, int]]:
        self._complete()
        return self._key_marks

    def _complete(self) -> None:
        if self._refill is not None:
            refill, self._refill = self._refill, None
            self._marks, self._key_marks = refill()

    def where(self, loc: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest known parent."""
        if self._refill is not None and loc and (len(loc) > 1 or loc not in (self._key_marks if key else self._marks)):
            self._complete()
        table = self._key_marks if key else self._marks
        while loc:
            if loc in table:
                return table[loc]
            if loc in self._marks:
                return self._marks[loc]
            loc = loc[:-1]
        return self._marks.get((), (1, 1))
