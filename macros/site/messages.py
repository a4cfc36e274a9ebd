"""Fill-in messages: the seller's values go into a message's {field} blanks by a plain
replacement. No template engine ever runs on contributor text; the page's script does the same
replacement in JavaScript, with a function as the replacement, so '$&' in a value stays text:

    text.replace(/\\{([a-z0-9]+(?:-[a-z0-9]+)*)\\}/g, (blank, id) => id in values ? values[id] : blank)
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..data.model import Platform, Procedure

#: A blank as the data check accepts it (macros/data/tool_checks.py refuses any other `{...}`).
BLANK = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\}")


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each {id} replaced by values[id]; a blank with no value stays as it is."""
    return BLANK.sub(lambda blank: str(values[blank.group(1)]) if blank.group(1) in values else blank.group(0),
                     text)


def message_inputs(procedure: Procedure, platform: Platform) -> list[dict]:
    """The messages as JSON-ready data for the page's script, with where each can be sent."""
    emails = [c.email for c in platform.support_channels if c.email]
    return [{**m.model_dump(mode="json"), "send_to": emails if m.to == "support" else []}
            for m in procedure.messages]
