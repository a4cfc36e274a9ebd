"""The one definition of a platform file and a procedure file.

Everything else derives from these classes: the loader validates with them,
`make schema` exports them as JSON Schema for editors, and the renderer reads
the validated objects. Field descriptions are what a contributor sees on hover.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictStr, StringConstraints

# The parts, re-exported: `from macros.data.model import Step` works for every data class.
from .fields import (  # noqa: F401
    EMAIL_PATTERN,
    HOST_PATTERN,
    ID_PATTERN,
    MAX_CITED,
    MAX_SUMMARY,
    MAX_TEXT,
    MAX_TITLE,
    URL_PATTERN,
    EmailAddress,
    HttpsUrl,
    ItemId,
    SourceRef,
    Strict,
    Summary,
    Text,
    Title,
    _text,
)
from .parts import (  # noqa: F401
    MAX_MESSAGE,
    START_EVENTS,
    Change,
    CheckItem,
    Choice,
    Conflict,
    Duration,
    Fix,
    Kind,
    Message,
    MessageField,
    Money,
    NoOfficialSource,
    Note,
    Position,
    Precaution,
    Problem,
    Source,
    Step,
    Substep,
    Wait,
    WaitStart,
    Where,
)

# --------------------------------------------------------------------------- platform


class SupportChannel(Strict):
    """One way to reach the platform's seller support."""

    name: Title = Field(description="What the channel is, e.g. 'Seller Central: Help > Contact us'.")
    url: HttpsUrl | None = Field(None, description="Where it is, if it has a web address.")
    notes: Text | None = Field(None, description="When to use it, or what to expect from it.")
    email: EmailAddress | None = Field(
        None, description="The channel's email address, when the platform publishes one "
        "(e.g. seller-support@shopmart.example). Message templates can be sent to it.")


class Platform(Strict):
    """A marketplace. One file per platform: data/platforms/<id>.yml."""

    id: Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)] = Field(
        description="The platform's id; must equal the file name (amazon.yml → amazon).")
    name: Title = Field(description="Display name, e.g. 'Amazon'.")
    description: Summary = Field(description="One sentence on what the platform is.")
    seller_portal_url: HttpsUrl = Field(description="Where sellers sign in, e.g. Seller Central.")
    help_centre_url: HttpsUrl | None = Field(
        None, description="The platform's official help centre for sellers, if it has a public one.")
    support_channels: list[SupportChannel] = Field(
        default_factory=list, max_length=20, description="Ways to reach seller support.")
    status_note: Text | None = Field(
        None, description="Anything a seller must know about the platform itself "
        "(a change of owner, a shutdown), shown on every page of this platform.")
    domains: list[Annotated[StrictStr, StringConstraints(pattern=HOST_PATTERN, max_length=253)]] = Field(
        default_factory=list, max_length=50,
        description="The platform's official host names, e.g. ['amazon.com', 'amazon.co.uk']. "
        "Sub-domains count (sellercentral.amazon.com is on amazon.com). Seller-portal, help-centre "
        "and official source addresses must be on one of them.")



# --------------------------------------------------------------------------- procedure


class Procedure(Strict):
    """One procedure. One file per procedure: data/procedures/<platform>/<slug>.yml."""

    id: ItemId = Field(description="The procedure's id, unique across the site and stable "
                       "(saved progress is keyed by it), e.g. 'amazon-close-account'.")
    platform: Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)] = Field(
        description="The platform's id; a file data/platforms/<platform>.yml must exist and the "
        "procedure file must sit in data/procedures/<platform>/.")
    language: Literal["en"] = Field(
        "en", description="Language of the texts. Only 'en' today; translations (zh-Hans is "
        "planned) will be sibling files that keep the same item ids.")
    title: Title = Field(description="What the seller wants to do, e.g. 'Close your Amazon seller account'.")
    summary: Summary = Field(description="One sentence: what this procedure does and for whom.")
    kind: Kind = Field(description="What the procedure achieves: " + ", ".join(k.value for k in Kind) + ".")
    irreversible: StrictBool = Field(description="true when the result cannot be undone.")
    last_reviewed: dt.date = Field(description="When a person last checked the whole procedure "
                                   "against its sources (YYYY-MM-DD, not in the future).")
    regions: list[Title] = Field(
        default_factory=list, max_length=30,
        description="Regional accounts or marketplaces this applies to, e.g. ['North America', 'Europe'].")
    regions_separate: StrictBool = Field(
        False, description="true when each regional account must go through the procedure separately.")
    app_only: StrictBool = Field(False, description="true when the procedure can only be done in the phone app.")
    no_official_source: NoOfficialSource | None = Field(
        None, description="Say so when the platform publishes no page for this procedure: the "
        "page then warns that its facts come from third parties.")
    sources: list[Source] = Field(min_length=1, max_length=60, description="Where the facts come from; the platform's "
                                  "own pages first.")
    alternatives: list[Note] = Field(
        default_factory=list, max_length=20, description="Less drastic options to consider first "
        "(e.g. pausing sales instead of closing).")
    money: list[Money] = Field(default_factory=list, max_length=30, description="Money at stake during the procedure.")
    waits: list[Wait] = Field(default_factory=list, max_length=20, description="Waiting periods that apply to the "
                              "whole procedure.")
    precautions: list[Precaution] = Field(min_length=1, max_length=40, description="'Before you start': what to do "
                                          "before the first step.")
    steps: list[Step] = Field(min_length=1, max_length=60, description="The steps, in order.")
    after: list[Note] = Field(default_factory=list, max_length=20, description="What happens afterwards.")
    troubleshooting: list[Problem] = Field(default_factory=list, max_length=40, description="Problems, causes, fixes.")
    conflicts: list[Conflict] = Field(default_factory=list, max_length=30, description="Points where sources disagree.")

    def checkable_items(self) -> list[tuple[str, CheckItem]]:
        """Every item that gets a checkbox, with the section it is in, in page order."""
        items: list[tuple[str, CheckItem]] = [("precautions", p) for p in self.precautions]
        for step in self.steps:
            if step.choices:
                items.extend(("steps", choice) for choice in step.choices)
            else:
                items.append(("steps", step))
            items.extend(("steps", sub) for sub in step.substeps)
        for problem in self.troubleshooting:
            items.extend(("troubleshooting", fix) for fix in problem.fixes if fix.action)
        return items

    def all_ids(self) -> list[tuple[str, str]]:
        """(kind, id) of everything that carries an id, for the uniqueness check."""
        ids = [("source", s.id) for s in self.sources]
        ids += [("money", m.id) for m in self.money]
        ids += [("precaution", p.id) for p in self.precautions]
        for step in self.steps:
            ids.append(("step", step.id))
            ids += [("substep", s.id) for s in step.substeps]
            ids += [("choice", c.id) for c in step.choices]
        for problem in self.troubleshooting:
            ids.append(("problem", problem.id))
            ids += [("fix", f.id) for f in problem.fixes]
        ids += [("conflict", c.id) for c in self.conflicts]
        return ids

    # The data of the seller tools (fields after the methods: pydantic keeps the order, after conflicts).
    changes: list[Change] = Field(
        default_factory=list, max_length=200, description="What changed in this guide and when, newest last or "
        "first (the site sorts them). Add an entry whenever you move last_reviewed (rule SC091).")
    messages: list[Message] = Field(
        default_factory=list, max_length=10, description="Messages the seller can fill in and send to support "
        "or with an appeal.")


# --------------------------------------------------------------------------- glossary


class Term(Strict):
    """One word or phrase a seller may not know, explained in plain words."""

    id: ItemId
    term: Title = Field(description="The term as it is usually written, e.g. 'Chargeback'.")
    aliases: list[Title] = Field(
        default_factory=list, max_length=20, description="Other forms the pages use, e.g. ['chargebacks'] "
        "(matched without regard to case).")
    definition: Text = Field(description="What it means, in one or two plain sentences.")
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_CITED,
                                     description="Where the definition comes from (ids in `sources`).")


class Glossary(Strict):
    """The site's glossary: data/glossary.yml. Pages mark each term's first use."""

    sources: list[Source] = Field(default_factory=list, max_length=60, description="Pages the definitions come from.")
    terms: list[Term] = Field(min_length=1, max_length=500, description="The terms, in any order (the page sorts them).")
    must_define: list[Title] = Field(
        default_factory=list, max_length=500, description="Terms that need an entry whenever a guide uses them: "
        "make check warns about a guide that uses one with no entry.")
