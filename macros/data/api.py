"""The shape of the site's JSON API (/api/v1/), derived from the data model.

`make schema` publishes both as JSON Schema (schema/api-index.schema.json and
schema/api-procedure.schema.json); every published file names its schema in `$schema`.
A procedure's file is the procedure as validated plus three fields, so its schema is the
procedure's schema plus those three.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import ConfigDict, Field, StrictStr, StringConstraints

from .model import ID_PATTERN, ItemId, Kind, Procedure, Strict, Title

_ABSOLUTE_OR_ROOTED = r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$"
Address = Annotated[StrictStr, StringConstraints(pattern=_ABSOLUTE_OR_ROOTED, max_length=600)]
Key = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN.removesuffix("$") + "/" + ID_PATTERN[1:])]
SchemaRef = Annotated[StrictStr, Field(
    alias="$schema", description="The address of the JSON Schema this file follows.")]


class ApiProcedure(Procedure):
    """One guide as published at /api/v1/procedures/<platform>/<slug>.json: the procedure as
    validated (without editors' notes), plus where it lives."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: SchemaRef
    url: Address = Field(description="The guide's page on the site.")
    key: Key = Field(description="<platform>/<slug>: the guide's address on the site, and its "
                     "file's name under /api/v1/procedures/.")


class ApiIndexEntry(Strict):
    """One guide in the index."""

    id: ItemId = Field(description="The procedure's id (stable; saved ticks are keyed by it).")
    platform: Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)] = Field(description="The platform's id.")
    key: Key = Field(description="<platform>/<slug>.")
    title: Title = Field(description="The guide's title.")
    kind: Kind = Field(description="What the guide achieves: close-account, suspension-appeal, ...")
    last_reviewed: dt.date = Field(description="When a person last checked the guide against its sources.")
    url: Address = Field(description="The guide's page on the site.")
    api: Address = Field(description="The guide as data: its /api/v1/procedures/<platform>/<slug>.json.")


class ApiIndex(Strict):
    """Every guide on the site, as published at /api/v1/procedures.json."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: SchemaRef
    procedures: list[ApiIndexEntry] = Field(description="Every guide, sorted by platform then title.")
