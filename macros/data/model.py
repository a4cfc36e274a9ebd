"""The one definition of a platform file and a procedure file.

Everything else derives from these classes: the loader validates with them,
`make schema` exports them as JSON Schema for editors, and the renderer reads
the validated objects. Field descriptions are what a contributor sees on hover.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from .chars import has_visible

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HOST_PATTERN = r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
"""A lower-case ASCII host name (an international name written as xn--…)."""
"""Lower-case words joined by hyphens: `close-account`, `backup-data-2`."""

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


# --------------------------------------------------------------------------- procedure parts


class Kind(str, Enum):
    """What the procedure achieves."""

    close_account = "close-account"
    deactivate_store = "deactivate-store"
    pause_selling = "pause-selling"
    review_recovery = "review-recovery"
    suspension_appeal = "suspension-appeal"
    identity_verification = "identity-verification"


class Source(Strict):
    """A page the procedure's facts come from."""

    id: ItemId
    title: Title = Field(description="The page's title as it appears on the page.")
    url: HttpsUrl | None = Field(
        None, description="Address of the page. Leave out only for an article that has none.")
    official: StrictBool = Field(
        description="true when the page is the platform's own (help centre, official blog); "
        "false for third-party articles, forums and news.")
    publisher: Title | None = Field(None, description="Who published it, e.g. 'Amazon Seller Central'.")
    accessed: dt.date | None = Field(None, description="When the page was read (YYYY-MM-DD).")
    note: Text | None = Field(None, description="What a reader should know about this source "
                              "(shown on the page), e.g. 'Rules can differ by marketplace.'")
    editor_note: Text | None = Field(
        None, description="For editors only, never shown on the site: how the page was read "
        "(an archived copy, a missing page title), where an unlinked source can be found.")
    official_host_note: Text | None = Field(
        None, description="For an official page on a host that is not one of the platform's "
        "`domains` (an SEC filing, a help centre a vendor runs for the platform): why this "
        "address is the platform's own. Without it such a source is refused (SC044).")


class Duration(Strict):
    """A length of time, e.g. 90 days."""

    amount: StrictInt = Field(ge=0, le=3650, description="How many units.")
    unit: Literal["hours", "days", "business-days", "weeks", "months"] = Field(
        description="The unit: hours, days, business-days, weeks or months.")


#: The moments a wait can start from that are not a step of the guide.
START_EVENTS = ("last-sale", "last-shipment", "last-delivery", "pause", "submission")


class WaitStart(Strict):
    """What starts a wait's clock, for the date tools: an event or one of the guide's steps.
    Give exactly one of the two (rule SC093)."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    event: Literal[START_EVENTS] | None = Field(
        None, description="last-sale, last-shipment, last-delivery, pause (the day you stop sales) "
        "or submission (the day you send the request).")
    step: ItemId | None = Field(
        None, description="The id of the step (or precaution) whose doing starts the clock (rule SC092).")


class Wait(Strict):
    """A waiting period the seller cannot shorten, e.g. the claim period after the last sale."""

    id: ItemId | None = Field(
        None, description="A stable id for this wait, unique in the procedure (translations and the "
        "date tools key by it).")
    start: WaitStart | None = Field(
        None, description="What starts the clock, for the date tools: {event: last-sale} or "
        "{step: <step id>}. `starts` says the same in words.")
    duration: Duration | None = Field(
        None, description="How long, if a source gives a figure. Leave out when it is unknown.")
    starts: Text = Field(description="What starts the clock, e.g. 'after your last sale'.")
    why: Text | None = Field(None, description="Why the wait exists.")
    reversible_until_end: StrictBool = Field(
        False, description="true when the seller can still undo the procedure during this wait "
        "(e.g. eBay keeps a closed account reopenable for 60 days).")
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_CITED, description="Sources for this wait.")


class Money(Strict):
    """Money that is at stake: a balance to withdraw, a reserve, a deposit, a fee that keeps running."""

    id: ItemId
    kind: Literal["balance", "reserve", "deposit", "fee", "refund", "debt"] = Field(
        description="balance, reserve, deposit, fee, refund or debt.")
    title: Title = Field(description="What the money is, e.g. 'Account-level reserve'.")
    details: Text = Field(description="What happens to it and what the seller should do.")
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_CITED, description="Sources for this fact.")


class Where(Strict):
    """Where in the platform the seller does a step."""

    interface: Literal["web", "app", "email", "support", "offline"] = Field(
        "web", description="web (the seller website), app (the phone app only), email, "
        "support (a conversation with the platform), offline.")
    path: list[Title] = Field(
        default_factory=list, max_length=10,
        description="The menu labels to click, in order, as they appear on screen: "
        "['Settings', 'Account Info', 'Close Account'].")
    url: HttpsUrl | None = Field(None, description="A direct address for the page, if one is stable.")


class NoOfficialSource(Strict):
    """A statement that the platform publishes no page for these facts (shown as a warning)."""

    why: Text = Field(description="Why no official page is cited, in a sentence a seller understands.")
    searched: Text = Field(description="What was searched and when, e.g. 'Etsy Help Center, December 2026'.")


class CheckItem(Strict):
    """Something the seller does and ticks off."""

    id: ItemId
    title: Title = Field(description="One short action in the imperative: 'Download your order reports'.")
    details: Text | None = Field(None, description="Why it matters and how to do it, in plain sentences.")
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_CITED, description="Sources for this item.")
    advice: StrictBool = Field(
        False, description="true for common-sense advice that no source states (the page marks it "
        "as advice). Every step and precaution cites a source or says advice: true.")
    no_official_source: NoOfficialSource | None = Field(
        None, description="Say so when no official page covers this item even though other "
        "items have one (shown as a warning on the item).")


class Substep(CheckItem):
    """A smaller action inside a step."""


class Precaution(CheckItem):
    """Something to do before starting the procedure."""


class Choice(CheckItem):
    """One way to do an 'or' step: the seller does one of the step's choices."""

    where: Where | None = Field(None, description="Where in the seller's interface to do it.")


class Step(CheckItem):
    """One step of the procedure, in order."""

    where: Where | None = Field(None, description="Where in the seller's interface to do it.")
    substeps: list[Substep] = Field(default_factory=list, max_length=20, description="Smaller actions, in order.")
    choices: list[Choice] = Field(
        default_factory=list, max_length=10, description="'Do one of these': two or more ways to do this step. "
        "The step then has no checkbox of its own; each choice has one, and the step is done "
        "when one choice is. A step with choices has no substeps and is never the irreversible step.")
    irreversible: StrictBool = Field(
        False, description="true for the step that cannot be undone (the one that actually "
        "closes the account). Ticking it asks the seller to confirm every precaution is done. "
        "When the platform lets the seller undo the step for a time (a reopen window), leave this "
        "false and give the step a wait with reversible_until_end: true instead.")
    optional: StrictBool = Field(False, description="true when not every seller needs this step.")
    wait: Wait | None = Field(None, description="A wait that comes with this step.")


class Note(Strict):
    """A fact to read, not an action."""

    id: ItemId | None = Field(
        None, description="Stable id of this note (an entry of `alternatives` or `after`), unique in the "
        "procedure: translations are keyed by it. Never change or reuse it.")
    title: Title = Field(description="The fact in one line.")
    details: Text | None = Field(None, description="More about it.")
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_CITED, description="Sources for this fact.")


class Fix(CheckItem):
    """One thing to try to solve a problem."""

    action: StrictBool = Field(
        True, description="true when the fix is something the seller does (shown as a checkbox); "
        "false when it is only information.")


class Problem(Strict):
    """Something that can go wrong, why, and what to do."""

    id: ItemId
    problem: Title = Field(description="What the seller sees, e.g. 'Amazon says the account cannot be closed yet'.")
    causes: list[Text] = Field(min_length=1, max_length=20, description="Likely causes, most likely first.")
    fixes: list[Fix] = Field(min_length=1, max_length=20, description="What to try, in order.")


class Position(Strict):
    """What one source says about a disputed point."""

    source: SourceRef
    says: Text = Field(description="What this source says, in your own words.")


class Conflict(Strict):
    """A point where sources disagree, and the safe thing to do."""

    id: ItemId
    topic: Title = Field(description="The disputed point, e.g. 'Can you close a Wish store yourself?'.")
    positions: list[Position] = Field(min_length=2, max_length=10,
                                      description="What each source says (at least two).")
    safe_action: Text = Field(description="What a careful seller should do given the disagreement.")


class Change(Strict):
    """One change to the guide, shown under "What changed" and in its feed."""

    date: dt.date = Field(description="When the change was made (YYYY-MM-DD, not in the future).")
    summary: Summary = Field(description="What changed, in one sentence a seller understands.")
    items: list[ItemId] = Field(
        default_factory=list, max_length=MAX_CITED,
        description="The ids of the items this change is about (rule SC090).")


MAX_MESSAGE = 3000


class MessageField(Strict):
    """A blank in a message, filled in by the seller: `{id}` in the title or body."""

    id: ItemId = Field(description="The placeholder's name: the body writes it as {id}.")
    label: Title = Field(description="What the seller types here, e.g. 'Your store ID'.")
    reuse: StrictBool = Field(
        False, description="true when the value is the same in every guide of the platform "
        "(store-id, registered-email): the seller types it once and each of those guides offers it.")


class Message(Strict):
    """A message the seller fills in and sends: to support, or with an appeal. Plain text: the
    site fills each {field} with the seller's words by a plain replacement, never a template."""

    id: ItemId
    to: Literal["support", "appeal"] = Field(description="support (a support case or email) or appeal.")
    title: Title = Field(description="The message's subject line; may contain {field} placeholders.")
    body: _text(MAX_MESSAGE) = Field(
        description="The message, in short plain English sentences, with {field} placeholders "
        "(rules SC094, SC095). Line breaks are kept.")
    fields: list[MessageField] = Field(
        default_factory=list, max_length=20, description="The blanks in the title and body, in the order the "
        "seller fills them.")


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
