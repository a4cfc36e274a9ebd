"""The data the seller tools read: `changes`, wait `id` and `start`, `messages` and the support
channel's `email`. Failing fixtures for SC090 and SC092-SC096 are in fixtures/invalid/; these
are the negative controls and the cases a fixture cannot hold."""

from __future__ import annotations

import pytest
from test_validation import FIXTURES, make_project

from macros.data.load import load_catalogue
from macros.data.problems import DataError

VALID = (FIXTURES / "valid" / "procedure.yml").read_text(encoding="utf-8")
PROCEDURE = "data/procedures/shopmart/close-account.yml"

TOOLS = """waits:
  - id: claim-period
    duration:
      amount: 90
      unit: days
    starts: after your last sale
    start: {event: last-sale}
  - id: after-request
    starts: after you send the request
    start: {step: request-closure}
  - starts: after you download your history
    start: {step: export-orders}
"""
MESSAGES = """messages:
  - id: ask-to-close
    to: support
    title: Please close shop {shop-id}
    body: |-
      Please close shop {shop-id}. {shop-id} is mine.
      {your-name}
    fields:
      - id: shop-id
        label: Your shop ID
        reuse: true
      - id: your-name
        label: Your name
  - id: appeal
    to: appeal
    title: Appeal for shop {shop-id}
    body: Shop {shop-id} appeals.
    fields:
      - id: shop-id
        label: Your shop ID
        reuse: true
changes:
  - date: 2026-01-15
    summary: Named every kind of item.
    items: [export-orders, request-closure, shopmart-help, claim-period, ask-to-close]
"""


def load(tmp_path, text: str, platform_extra: str = ""):
    root = make_project(tmp_path, {PROCEDURE: text.encode()})
    platform = root / "data/platforms/shopmart.yml"
    platform.write_text(platform.read_text(encoding="utf-8") + platform_extra, encoding="utf-8")
    return load_catalogue(root)


def problems(tmp_path, text: str, platform_extra: str = ""):
    with pytest.raises(DataError) as caught:
        load(tmp_path, text, platform_extra)
    return caught.value.problems


def test_every_tool_field_used_well_is_accepted(tmp_path):
    """Negative control for the SC09x fixtures: a field id may repeat across messages (it is
    not an item), a start may name a precaution, a change may name any item."""
    text = VALID.replace("precautions:\n", TOOLS + "precautions:\n") + MESSAGES
    procedure = load(tmp_path, text).entries["shopmart/close-account"].procedure
    assert procedure.waits[0].start.event == "last-sale" and procedure.waits[1].start.step == "request-closure"
    assert [m.id for m in procedure.messages] == ["ask-to-close", "appeal"]
    assert procedure.changes[0].items[-1] == "ask-to-close"


def test_a_wait_id_shares_the_items_namespace(tmp_path):
    text = VALID.replace("precautions:\n", TOOLS.replace("id: claim-period", "id: export-orders") + "precautions:\n")
    assert [p.code for p in problems(tmp_path, text)] == ["SC007"]


def test_a_change_dated_in_the_future_is_refused_with_its_own_words(tmp_path):
    text = VALID + "changes:\n  - date: 2999-01-01\n    summary: Not yet.\n"
    [problem] = problems(tmp_path, text)
    assert problem.code == "SC011" and "the date the change was made" in problem.fix


def test_an_unknown_event_is_refused(tmp_path):
    text = VALID.replace("precautions:\n", TOOLS.replace("event: last-sale", "event: last-order") + "precautions:\n")
    [problem] = problems(tmp_path, text)
    assert problem.code == "SC025" and "last-sale" in problem.fix


@pytest.mark.parametrize("email", ["seller-support@shopmart.example", "a.b+c@help.shopmart.example"])
def test_a_support_email_is_accepted(tmp_path, email):
    extra = f"support_channels:\n  - name: Support by email\n    email: {email}\n"
    catalogue = load(tmp_path, VALID, extra)
    assert catalogue.platforms["shopmart"].support_channels[0].email == email


@pytest.mark.parametrize("email", ["mailto:help@shopmart.example", "help at shopmart", "help@Shopmart.Example",
                                   "help@shopmart", "<help@shopmart.example>", "help@shop mart.example"])
def test_a_support_email_that_is_not_an_address_is_refused_clearly(tmp_path, email):
    extra = f'support_channels:\n  - name: Support by email\n    email: "{email}"\n'
    [problem] = problems(tmp_path, VALID, extra)
    text = (tmp_path / "data/platforms/shopmart.yml").read_text(encoding="utf-8")
    line = text.splitlines().index(f'    email: "{email}"') + 1
    assert (problem.code, problem.file, problem.line) == ("SC025", "data/platforms/shopmart.yml", line)
    assert "is not an email address" in problem.message and "name@host" in problem.fix
