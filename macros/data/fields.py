"""The kinds of value a data file holds: ids, texts with their length limits, web and email
addresses, and the strict base class every data class extends (macros/data/model.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, StringConstraints

from .chars import has_visible

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Lower-case words joined by hyphens: `close-account`, `backup-data-2`."""
HOST_PATTERN = r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
"""A lower-case ASCII host name (an international name written as xn--…)."""

#: Longest text accepted per kind of field (characters).
MAX_TITLE = 120
MAX_SUMMARY = 240
MAX_TEXT = 1200
#: Most sources one item cites. Each list has its own limit (max_length below): enough for any
#: real guide (the largest has 26 sources, 20 precautions, 18 steps), small enough that one
#: file cannot make a page of megabytes or a test run of many minutes (SC045).
MAX_CITED = 20


def _trimmed_and_visible(value: str) -> str:
    """One validator for both rules (each call from pydantic costs; there are many texts)."""
    if value != value.strip():
        raise ValueError("text starts or ends with a space or a line break")
    if not has_visible(value):
        raise ValueError("text has no visible character")
    return value


def _text(max_length: int):
    """A piece of contributor text: a real string (never a number or a yes/no), trimmed, with
    something to see (spaces, fillers and invisible format characters alone do not count)."""
    return Annotated[
        StrictStr,
        StringConstraints(min_length=1, max_length=max_length),
        AfterValidator(_trimmed_and_visible),
    ]


Title = _text(MAX_TITLE)
Summary = _text(MAX_SUMMARY)
Text = _text(MAX_TEXT)
ItemId = Annotated[
    StrictStr,
    StringConstraints(pattern=ID_PATTERN, min_length=2, max_length=60),
    Field(description="Stable id of this item, unique in the procedure: lower-case words joined "
          "by hyphens. Never change or reuse it: sellers' saved ticks are keyed by it."),
]
URL_PATTERN = r"^https://[^\s<>\"']+$"
HttpsUrl = Annotated[
    StrictStr,
    StringConstraints(pattern=URL_PATTERN, max_length=500),
    Field(description="A web address starting with https://. For a source that has no secure "
          "address, leave `url` out and describe where to find it in `note`."),
]
SourceRef = Annotated[
    StrictStr,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="The `id` of an entry in this procedure's `sources` list."),
]
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
"""An ASCII address, local@host, with a lower-case host name (errors.py names the rule)."""
EmailAddress = Annotated[
    StrictStr,
    StringConstraints(pattern=EMAIL_PATTERN, max_length=254),
    Field(description="An email address: name@host, ASCII, with the host in lower case."),
]


class Strict(BaseModel):
    """Base for every data class: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


