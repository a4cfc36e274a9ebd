"""The parts a procedure file is made of: sources, waits, money, steps and their items,
troubleshooting, conflicts, changes and message templates (the whole file: macros/data/model.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt

from .fields import MAX_CITED, HttpsUrl, ItemId, SourceRef, Strict, Summary, Text, Title, _text


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
