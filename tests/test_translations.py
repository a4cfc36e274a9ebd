"""Translation files: units and fingerprints, what `make check` says about them (errors for a
malformed file, warnings for what the English did), and what a page would show.

The throw-away projects hold the real Wish guide, platform and their Chinese translations.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from test_validation import run_macros_cli

from macros.data.load import check_all, data_files, load_catalogue, read_procedure
from macros.data.model import Glossary, Procedure
from macros.data.problems import DataError
from macros.data.translation_model import Translation, load_translation, localized
from macros.data.translation_paths import is_translation, translation_files
from macros.data.translations import (
    fingerprint,
    translate_glossary,
    translate_platform,
    translate_procedure,
    units,
)
from macros.data.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
GUIDE = "data/procedures/wish/close-account.yml"
ZH = "data/procedures/wish/close-account.zh.yml"
PLATFORM_ZH = "data/platforms/wish.zh.yml"
TODAY = dt.date(2026, 12, 1)
#: Codes these tests (and test_translation_tools.py) produce: test_validation counts them covered.
TESTED_CODES = {"SC100", "SC101", "SC110", "SC111", "SC112", "SC113", "SC114", "SC115", "SC116"}


def project(tmp_path: Path) -> Path:
    """A project with the Wish platform, its close-account guide and both translations."""
    for rel in ("data/platforms/wish.yml", PLATFORM_ZH, GUIDE, ZH):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path) -> list:
    return check_all(root, TODAY)[2]


def codes(found) -> list[tuple[str, str, str]]:
    return sorted((p.code, p.severity, p.file) for p in found)


@pytest.fixture(scope="module")
def real():
    """The project's own data, validated once for the tests that only read it."""
    return load_catalogue(ROOT)


def yaml_value(tmp_path: Path, text: str):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    doc, found = read_yaml(path, "x.yml")
    assert found == [] and doc is not None
    return doc.value


def test_each_translation_code_is_asserted_by_these_tests():
    from macros.data.problems import CODES, WARNINGS

    ours = {code for code in CODES if code >= "SC100"}
    assert ours == TESTED_CODES and WARNINGS <= ours
    here = Path(__file__).read_text(encoding="utf-8") + (Path(__file__).parent / "test_translation_tools.py").read_text(
        encoding="utf-8")
    assert all(f'"{code}"' in here.split("TESTED_CODES = ", 1)[1].split("\n", 1)[1] for code in ours)


# --------------------------------------------------------------------------- units and fingerprints


def test_rewrapping_yaml_changes_no_fingerprint_and_a_changed_number_does(tmp_path):
    one_line = "title: Fulfil every open order\ndetails: Ship within 5 calendar days of its release to you.\n"
    folded = "details: >-\n  Ship within 5 calendar\n  days of its release to you.\ntitle: 'Fulfil every open order'\n"
    plain = "title: Fulfil every open order\ndetails: Ship within 5 calendar\n  days of its release to you.\n"
    prints = {fingerprint(yaml_value(tmp_path, text)) for text in (one_line, folded, plain)}
    assert len(prints) == 1
    assert fingerprint(yaml_value(tmp_path, one_line.replace("5 calendar", "6 calendar"))) not in prints


def test_a_fingerprint_is_eight_hex_digits_of_sha1_over_canonical_json():
    import hashlib

    text = {"title": "Ü", "details": "a"}
    want = hashlib.sha1('{"details":"a","title":"Ü"}'.encode()).hexdigest()[:8]
    assert fingerprint(text) == fingerprint(dict(reversed(text.items()))) == want


def test_units_are_the_same_from_the_file_and_from_the_validated_model(real):
    """The renderer fingerprints models, `make check` documents: both must agree, for every file."""
    catalogue = real
    for entry in catalogue.entries.values():
        doc, _ = read_yaml(ROOT / entry.source_file, entry.source_file)
        assert units(doc.value, Procedure).texts == units(entry.procedure.model_dump(), Procedure).texts
    doc, _ = read_yaml(ROOT / "data/glossary.yml", "glossary")
    assert units(doc.value, Glossary).texts == units(catalogue.glossary.model_dump(), Glossary).texts


def test_every_english_note_and_wait_has_an_id_so_it_can_be_translated(real):
    for entry in real.entries.values():
        doc, _ = read_yaml(ROOT / entry.source_file, entry.source_file)
        assert units(doc.value, Procedure).without_id == [], entry.source_file


def test_a_unit_holds_its_id_less_parts_and_positions_by_source():
    doc, _ = read_yaml(ROOT / GUIDE, GUIDE)
    texts = units(doc.value, Procedure).texts
    step = texts["pause-all-warehouses"]
    assert set(step) == {"title", "details", "where", "wait"}
    assert step["where"] == {"path": ["Settings", "Vacation", "Vacation Settings"]}  # url, interface: not text
    assert set(step["wait"]) == {"starts", "why"}                                     # duration: not text
    assert list(texts["vacation-path"]["positions"])[:2] == ["wish-vacation-mode", "sellerby-wish-close"]
    assert texts["wish-vacation-settings"] == {"note": "The newer version of this article."}  # never the title
    assert "contact-wish-support" in texts and "enter-store-id" in texts  # steps and substeps
    assert "wish-order-timeline" not in texts  # a source without a note has nothing to translate


def test_a_source_cited_twice_in_a_conflict_keeps_both_positions_in_order():
    doc, _ = read_yaml(ROOT / "data/procedures/amazon/close-account.yml", "amazon")
    positions = units(doc.value, Procedure).texts["order-history-after-closure"]["positions"]
    assert isinstance(positions["seed-002-amazon"], list) and len(positions["seed-002-amazon"]) == 2


# --------------------------------------------------------------------------- the real data


def test_make_check_passes_on_the_real_data_with_the_example_translation():
    run = run_macros_cli("check", "--no-cache")  # `make check`'s main(), every file read again
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in run.stdout, run.stdout  # the example is complete and current
    assert ROOT / ZH in translation_files(ROOT) and ROOT / PLATFORM_ZH in translation_files(ROOT)


def test_the_example_translation_is_complete_and_chinese(real):
    procedure = real.entries["wish/close-account"].procedure
    shown = translate_procedure(procedure, load_translation(ROOT / ZH))
    assert shown.english == frozenset()
    assert shown.texts["procedure"]["title"] == "关闭 Wish 商户账户"
    assert shown.texts["pause-all-warehouses"]["where"]["path"][2] == "假期设置 (Vacation Settings)"


def test_a_translation_file_is_never_read_as_an_english_procedure(tmp_path):
    root = project(tmp_path)
    platforms, procedures = data_files(root)
    assert [p.name for p in procedures] == ["close-account.yml"] and [p.name for p in platforms] == ["wish.yml"]
    assert list(load_catalogue(root, TODAY).entries) == ["wish/close-account"]
    # negative control: read as a procedure, the translation would be rejected
    as_english = read_procedure(root / ZH, root, ZH, frozenset({"wish"}), TODAY)
    assert not as_english.valid and as_english.problems
    assert is_translation(ZH) and is_translation("glossary.zh.yml") and not is_translation(GUIDE)


# --------------------------------------------------------------------------- warnings: what the English did


def test_an_english_edit_makes_exactly_that_unit_stale_a_warning_not_an_error(tmp_path):
    root = project(tmp_path)
    edit(root / GUIDE, "mark each order shipped within 5 calendar days",
         "mark each order shipped within 6 calendar days")
    found = problems(root)
    assert codes(found) == [("SC110", "warning", ZH)]
    assert "units.fulfil-open-orders" in found[0].message and str(found[0]).split(": ", 2)[1] == "warning"
    catalogue = load_catalogue(root, TODAY)  # a build is never stopped by it
    shown = translate_procedure(catalogue.entries["wish/close-account"].procedure, load_translation(root / ZH))
    assert shown.english == {"fulfil-open-orders"}
    assert "6 calendar days" in shown.texts["fulfil-open-orders"]["details"]  # the English, current
    assert shown.texts["add-valid-tracking"]["title"].startswith("为每笔")


def test_make_check_parses_a_translated_english_file_once(tmp_path, monkeypatch):
    """A translation is compared with its English file as the check already read it: reading the
    English file again for each translation doubled the time of `make check`."""
    from macros.data import readers, translation_checks, translation_model

    root = project(tmp_path)
    edit(root / GUIDE, "mark each order shipped within 5 calendar days",
         "mark each order shipped within 6 calendar days")
    parsed = []

    def counting(path, display):
        parsed.append(Path(path).relative_to(root).as_posix())
        return read_yaml(path, display)

    for module in (readers, translation_checks, translation_model):
        monkeypatch.setattr(module, "read_yaml", counting)
    found = problems(root)
    assert codes(found) == [("SC110", "warning", ZH)]  # the comparison still happens
    assert parsed.count(GUIDE) == 1 and parsed.count(ZH) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_translation_checked_with_its_english_file_says_what_a_check_on_its_own_says(tmp_path, monkeypatch,
                                                                                      workers):
    """The same warnings whether the translation is checked beside its English file (in either
    process of a two-process check, or from the cache) or on its own, reading the English file."""
    from macros.data.cache import CheckCache
    from macros.data.translation_checks import check_translation

    root = project(tmp_path)
    edit(root / GUIDE, "  - id: answer-buyer-messages\n", "  - id: reply-to-buyers\n")  # orphaned + missing
    edit(root / GUIDE, "mark each order shipped within 5 calendar days",
         "mark each order shipped within 6 calendar days")  # stale
    alone = sorted(check_translation(root / ZH, root, TODAY))
    assert {p.code for p in alone} == {"SC110", "SC111", "SC112"}
    monkeypatch.setattr("macros.data.load.PARALLEL_FROM", 1)
    for cached in (False, True, True):
        cache = CheckCache(root, tmp_path / "cache") if cached else None
        found = sorted(p for p in check_all(root, TODAY, cache, workers=workers)[2] if p.file == ZH)
        assert found == alone
        if cache:
            cache.save()
    assert cache.hits == 4 and cache.misses == 0  # the third round: both files and both translations reused


def test_a_renamed_english_id_orphans_its_unit_and_leaves_the_new_one_missing(tmp_path):
    root = project(tmp_path)
    edit(root / GUIDE, "  - id: answer-buyer-messages\n", "  - id: reply-to-buyers\n")
    found = problems(root)
    assert codes(found) == [("SC111", "warning", ZH), ("SC112", "warning", ZH)]
    orphan = next(p for p in found if p.code == "SC112")
    assert orphan.line == (root / ZH).read_text(encoding="utf-8").split("\n").index("  answer-buyer-messages:") + 1
    assert "reply-to-buyers" in next(p for p in found if p.code == "SC111").message


def test_a_unit_whose_fields_differ_from_the_english_is_a_warning(tmp_path):
    root = project(tmp_path)
    edit(root / ZH, "      - 客服处理缓慢，或者在 Wish 更换东家后有所变化。\n", "")
    assert codes(problems(root)) == [("SC113", "warning", ZH)]


def test_a_translation_without_its_english_file_is_a_warning(tmp_path):
    root = project(tmp_path)
    (root / GUIDE).rename(root / "data/procedures/wish/close-store.yml")
    found = [p for p in problems(root) if p.file == ZH]
    assert codes(found) == [("SC115", "warning", ZH)]


def test_an_english_note_without_an_id_is_named_when_a_translation_exists(tmp_path):
    root = project(tmp_path)
    edit(root / GUIDE, "  - id: coming-back-hard\n    title:", "  - title:")
    found = problems(root)
    assert ("SC116", "warning", GUIDE) in codes(found) and ("SC112", "warning", ZH) in codes(found)
    assert all(not p.is_error for p in found)


# --------------------------------------------------------------------------- errors: the translator's own mistakes


@pytest.mark.parametrize("old, new, code, line", [
    ("    title: 履行所有未完成的订单\n", "    titel: 履行所有未完成的订单\n", "SC004", "titel"),
    ("    title: 履行所有未完成的订单\n", "    title: [履行所有未完成的订单]\n", "SC005", "title: ["),
    ("    title: 履行所有未完成的订单\n", '    title: "履行所有未完成的订单\n', "SC001", None),
    ('    from: "3ccb63ae"\n', "    from: latest\n", "SC101", "from: latest"),
    ("    title: 履行所有未完成的订单\n", "    title: 履行<b>所有</b>订单\n", "SC016", "<b>"),
    ("language: zh\n", "language: fr\n", "SC025", "language: fr"),
])
def test_a_malformed_translation_is_an_error_with_file_and_line(tmp_path, old, new, code, line):
    root = project(tmp_path)
    edit(root / ZH, old, new)
    with pytest.raises(DataError) as caught:
        load_catalogue(root, TODAY)
    errors = caught.value.problems
    assert {p.code for p in errors} == {code}, "\n".join(map(str, errors))
    lines = (root / ZH).read_text(encoding="utf-8").split("\n")
    if line is not None:
        assert line in lines[errors[0].line - 1], str(errors[0])
    assert str(errors[0]).startswith(f"{ZH}:{errors[0].line}:{errors[0].col}: {code} ")


def test_a_translation_named_for_a_language_the_site_has_not_is_an_error(tmp_path):
    root = project(tmp_path)
    shutil.copy(root / ZH, root / "data/procedures/wish/close-account.fr.yml")
    found = [p for p in problems(root) if p.file.endswith(".fr.yml")]
    assert codes(found) == [("SC100", "error", "data/procedures/wish/close-account.fr.yml")]


def test_a_translation_without_its_schema_line_is_an_error(tmp_path):
    root = project(tmp_path)
    edit(root / ZH, "# yaml-language-server: $schema=../../../schema/translation.schema.json\n", "")
    assert codes(problems(root)) == [("SC027", "error", ZH)]


def test_a_space_between_two_chinese_characters_is_a_warning_with_the_fix(tmp_path):
    root = project(tmp_path)
    edit(root / ZH, "    details: 把手上的每一笔订单都发货。Wish",
         "    details: >-\n      把手上的每一笔订单都\n      发货。Wish")
    found = problems(root)
    assert codes(found) == [("SC114", "warning", ZH)]
    assert "'都' and '发'" in found[0].message and "'|-'" in found[0].fix and "one line" in found[0].fix
    assert (root / ZH).read_text(encoding="utf-8").split("\n")[found[0].line - 1].endswith("details: >-")


def test_a_space_between_latin_and_chinese_is_not_a_han_space(tmp_path):
    """Negative control: 'Wish 商户' and '(Settings) > 设置' are written so on purpose."""
    root = project(tmp_path)
    assert "Wish 商户" in (root / ZH).read_text(encoding="utf-8")
    assert problems(root) == []


# --------------------------------------------------------------------------- the schema and the other files


def _schema() -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / "translation.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("rel", [ZH, PLATFORM_ZH])
def test_the_schema_validates_the_example_translations(rel):
    doc, _ = read_yaml(ROOT / rel, rel)
    assert [e.message for e in _schema().iter_errors(doc.value)] == []
    Translation.model_validate(doc.value)


def test_the_schema_rejects_an_unknown_key_and_a_unit_without_from():
    doc, _ = read_yaml(ROOT / ZH, ZH)
    doc.value["units"]["procedure"]["titel"] = "x"
    del doc.value["units"]["enter-store-id"]["from"]
    messages = [e.message for e in _schema().iter_errors(doc.value)]
    assert any("titel" in m for m in messages) and any("'from' is a required property" in m for m in messages)


def test_the_platform_translation_gives_name_description_and_each_support_channel(real):
    shown = translate_platform(real.platforms["wish"], load_translation(ROOT / PLATFORM_ZH))
    assert shown.english == frozenset() and list(shown.texts) == ["platform", "support-channel-1", "support-channel-2"]
    assert shown.texts["support-channel-2"]["name"] == "Wish 商户帮助中心"


def test_a_glossary_translation_gives_each_term_its_chinese_forms(tmp_path, real):
    glossary = real.glossary
    english = units(glossary.model_dump(), Glossary).texts["chargeback"]
    path = tmp_path / "glossary.zh.yml"
    path.write_text("language: zh\ntranslated: {by: t, date: 2026-12-01, machine_assisted: false}\nunits:\n"
                    f"  chargeback:\n    from: \"{fingerprint(english)}\"\n    term: 拒付\n"
                    "    aliases: [退单]\n    definition: 买家对扣款提出异议后，发卡银行收回的一笔卡付款。\n", encoding="utf-8")
    shown = translate_glossary(glossary, load_translation(path))
    assert shown.texts["chargeback"]["term"] == "拒付" and shown.texts["chargeback"]["aliases"] == ["退单"]
    assert "chargeback" not in shown.english and "fba" in shown.english  # one alias for four: any length
    # A term with no other form in English may have some in the translation (and back).
    bare = next(t for t in glossary.terms if not t.aliases)
    english = units(glossary.model_dump(), Glossary).texts[bare.id]
    path.write_text("language: zh\ntranslated: {by: t, date: 2026-12-01, machine_assisted: false}\nunits:\n"
                    f"  {bare.id}:\n    from: \"{fingerprint(english)}\"\n    term: 术语\n"
                    "    aliases: [别名一, 别名二]\n    definition: 一个术语的中文解释。\n", encoding="utf-8")
    shown = translate_glossary(glossary, load_translation(path))
    assert bare.id not in shown.english and shown.texts[bare.id]["aliases"] == ["别名一", "别名二"]


def test_a_localized_procedure_keeps_ids_order_and_sources_and_changes_only_text(tmp_path, real):
    english = real.entries["wish/close-account"].procedure
    root = project(tmp_path)
    edit(root / GUIDE, "mark each order shipped within 5 calendar days", "mark each order shipped within 6 calendar days")
    changed = load_catalogue(root, TODAY).entries["wish/close-account"].procedure
    chinese, in_english = localized(changed, load_translation(root / ZH))
    assert in_english == {"fulfil-open-orders"}
    assert [i.id for _s, i in chinese.checkable_items()] == [i.id for _s, i in english.checkable_items()]
    assert chinese.precautions[3].details == changed.precautions[3].details  # the stale one: English
    assert chinese.precautions[4].title == "为每笔发出的订单提供有效的物流跟踪信息"
    assert [s.title for s in chinese.sources] == [s.title for s in english.sources]  # titles as published
    assert chinese.steps[0].wait.duration == english.steps[0].wait.duration and chinese.steps[0].where.url


def test_positions_of_a_source_cited_twice_are_localized_in_order(tmp_path, real):
    procedure = real.entries["amazon/close-account"].procedure
    conflict = units(procedure.model_dump(), Procedure).texts["order-history-after-closure"]
    said = {s: [f"甲{i}" for i in range(len(t))] if isinstance(t, list) else "乙" for s, t in conflict["positions"].items()}
    path = tmp_path / "close-account.zh.yml"
    path.write_text(json.dumps({"language": "zh", "translated": {"by": "t", "date": "2026-12-01", "machine_assisted": False},
                                "units": {"order-history-after-closure": {"from": fingerprint(conflict), **conflict,
                                                                          "positions": said}}}, ensure_ascii=False))
    chinese, _ = localized(procedure, load_translation(path))
    says = [(p.source, p.says) for p in next(c for c in chinese.conflicts if c.id == "order-history-after-closure").positions]
    assert [s for s, _ in says] == [p.source for p in procedure.conflicts[[c.id for c in procedure.conflicts].index(
        "order-history-after-closure")].positions]
    assert [t for s, t in says if s == "seed-002-amazon"] == ["甲0", "甲1"]


def test_the_translation_example_in_contributing_is_a_valid_translation():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n# yaml-language-server: $schema=../../../schema/translation.schema.json\n", 1)[1]
    translation = Translation.model_validate(yaml.safe_load(block.split("```", 1)[0]))
    doc, _ = read_yaml(ROOT / GUIDE, GUIDE)
    english = units(doc.value, Procedure).texts
    assert all(unit.from_ == fingerprint(english[uid]) for uid, unit in translation.units.items())


def test_a_chinese_term_is_marked_between_han_characters_and_an_english_one_only_as_a_whole_word(real):
    """Chinese writes no spaces between words: 放款 is marked inside 退款和放款; 'fee' is not
    marked inside 'feedback' (the rule is macros/data/chars.py `whole_words`)."""
    from macros.data.model import Glossary as Model
    from macros.site.render import TermMarks

    glossary = Model.model_validate({"terms": [
        {"id": "payout", "term": "放款", "aliases": ["回款"], "definition": "平台付给卖家的钱。"},
        {"id": "fee", "term": "fee", "definition": "Money a platform charges."}]})
    marks = TermMarks(glossary)
    html = str(marks.mark("先处理退款和放款，再关店。回款 feedback fee"))
    assert html.count('class="sc-term"') == 2 and '<span class="sc-term" data-term="payout">放款</span>' in html
    assert "feedback" in html and 'data-term="fee">fee</span>' in html
