"""Synthetic but valid procedures for the benchmark, in two forms from one description:
the project's YAML data files, and the same content as plain Material Markdown pages
(task lists) for the baselines.

Sizes follow the issue: ~8 precautions, ~12 steps, ~4 troubleshooting entries (24
checkboxes), spread over 20 platforms. "realistic" content also gives every item a few
sentences of details and adds sources, alternatives, money, waits, notes and a conflict
(still lighter than the real Amazon guide); "lean" is the issue's own baseline page: the 24
items as one-line tasks, two sources, nothing else. Deterministic: the same N always gives
the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

PLATFORMS = 20
KINDS = ["close-account", "deactivate-store", "pause-selling", "review-recovery",
         "suspension-appeal", "identity-verification"]
VERBS = ["Check", "Download", "Confirm", "Update", "Remove", "Review", "Save", "Wait", "Contact",
         "Cancel", "Export", "Withdraw", "Resolve", "Record", "Verify", "Close", "Open", "Send"]
NOUNS = ["order reports", "payment settings", "open claims", "stock in the warehouse", "listings",
         "tax documents", "the final statement", "bank details", "buyer messages", "the support case",
         "the reserve balance", "the account owner's login", "regional accounts", "open returns",
         "subscription fees", "invoices"]
WORDS = ["the", "seller", "account", "platform", "order", "payment", "balance", "claim", "refund",
         "listing", "warehouse", "region", "support", "email", "statement", "report", "reserve",
         "date", "time", "period", "buyer", "marketplace", "policy", "help", "page", "form",
         "request", "reason", "record", "invoice", "tax", "fee", "plan", "store", "item", "stock",
         "delivery"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _details(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 14)) for _ in range(sentences))


def _title(rng: random.Random, i: int) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(NOUNS)} ({i})"


def platform_data(index: int) -> dict:
    pid = f"market-{index:02d}"
    return {
        "id": pid,
        "name": f"Market {index:02d}",
        "domains": [f"market-{index:02d}.example"],
        "description": f"A synthetic marketplace number {index} used only by the benchmark.",
        "seller_portal_url": f"https://sellers.market-{index:02d}.example/",
        "help_centre_url": f"https://help.market-{index:02d}.example/",
        "support_channels": [{"name": "Seller support", "url": f"https://help.market-{index:02d}.example/contact",
                              "notes": "Sign in first and keep the case number."}],
    }


CONTENT = ("realistic", "lean")


def procedure_data(n: int, content: str = "realistic", platforms: int = PLATFORMS) -> dict:
    """Procedure number n (0-based): platform n % platforms, about N/platforms per platform."""
    if content == "lean":
        return _lean(procedure_data(n, platforms=platforms))
    rng = random.Random(n)
    platform = f"market-{n % platforms + 1:02d}"
    kind = KINDS[n % len(KINDS)]
    sources = [{"id": f"source-{k}", "title": f"Help article {k} about {kind.replace('-', ' ')}",
                "url": f"https://help.{platform}.example/articles/{n}-{k}", "official": k < 3,
                "publisher": "Platform help centre" if k < 3 else "Seller blog"}
               for k in range(1, 6)]
    refs = [s["id"] for s in sources]

    def cite() -> list[str]:
        return rng.sample(refs, rng.randint(1, 2))

    steps = []
    for k in range(12):
        step = {"id": f"step-{k + 1}", "title": _title(rng, k + 1), "details": _details(rng),
                "sources": cite()}
        if k % 3 == 0:
            step["where"] = {"interface": "web", "path": ["Settings", "Account Info", f"Section {k}"]}
        if k == 9:
            step["irreversible"] = True
        steps.append(step)
    return {
        "id": f"{platform}-{kind}-{n}",
        "platform": platform,
        "title": f"{kind.replace('-', ' ').capitalize()} on Market {n % PLATFORMS + 1:02d}, case {n}",
        "summary": f"Synthetic benchmark procedure {n}: {kind.replace('-', ' ')} step by step, "
                   f"with what to do first and what can go wrong.",
        "kind": kind,
        "irreversible": True,
        "last_reviewed": "2026-11-01",
        "regions": ["North America", "Europe"],
        "sources": sources,
        "alternatives": [{"id": f"alternative-{k + 1}", "title": f"Pause instead ({k})", "details": _details(rng, 2), "sources": cite()}
                         for k in range(2)],
        "money": [{"id": f"money-{k}", "kind": kind_, "title": f"Money fact {k}", "details": _details(rng, 2),
                   "sources": cite()} for k, kind_ in enumerate(["balance", "reserve"])],
        "waits": [{"id": "wait-1", "duration": {"amount": 90, "unit": "days"}, "starts": "after your last sale",
                   "why": _details(rng, 1), "sources": cite()}],
        "precautions": [{"id": f"before-{k + 1}", "title": _title(rng, k + 1), "details": _details(rng),
                         "sources": cite()} for k in range(8)],
        "steps": steps,
        "after": [{"id": f"after-{k + 1}", "title": f"What happens next ({k})", "details": _details(rng, 2), "sources": cite()}
                  for k in range(2)],
        "troubleshooting": [{"id": f"problem-{k + 1}", "problem": f"The platform refuses the request ({k + 1})",
                             "causes": [_sentence(rng, 10), _sentence(rng, 8)],
                             "fixes": [{"id": f"fix-{k + 1}", "title": _title(rng, k + 1),
                                        "details": _details(rng, 2), "sources": cite()}]}
                            for k in range(4)],
        "conflicts": [{"id": "conflict-1", "topic": "How long to wait before closing",
                       "positions": [{"source": "source-1", "says": _details(rng, 1)},
                                     {"source": "source-4", "says": _details(rng, 1)}],
                       "safe_action": _details(rng, 1)}],
    }


def _lean(p: dict) -> dict:
    """The same procedure cut to one-line items, two sources and the required fields."""
    keep = {"source-1", "source-2"}

    def item(i: dict) -> dict:
        out = {k: v for k, v in i.items() if k not in ("details", "where")}
        out["sources"] = [r for r in i.get("sources", []) if r in keep] or ["source-1"]
        return out

    lean = {k: p[k] for k in ("id", "platform", "title", "summary", "kind", "irreversible", "last_reviewed")}
    lean["sources"] = [s for s in p["sources"] if s["id"] in keep]
    lean["precautions"] = [item(i) for i in p["precautions"]]
    lean["steps"] = [item(i) for i in p["steps"]]
    lean["troubleshooting"] = [{"id": t["id"], "problem": t["problem"], "causes": t["causes"][:1],
                                "fixes": [item(f) for f in t["fixes"]]} for t in p["troubleshooting"]]
    return lean


def write_data(root: Path, count: int, content: str = "realistic", platforms: int = PLATFORMS) -> list[dict]:
    """Write data/platforms and data/procedures for `count` procedures spread over `platforms`
    platforms under root; return them."""
    procedures = [procedure_data(n, content, platforms) for n in range(count)]
    used = sorted({p["platform"] for p in procedures})
    (root / "data" / "platforms").mkdir(parents=True)
    for index in range(1, PLATFORMS + 1):
        data = platform_data(index)
        if data["id"] in used:
            _dump(root / "data" / "platforms" / f"{data['id']}.yml", data, "platform")
    for p in procedures:
        _dump(root / "data" / "procedures" / p["platform"] / f"{slug(p)}.yml", p, "procedure")
    return procedures


#: Chinese words for the synthetic translations (any Han text does: only its length matters).
ZH_WORDS = ["卖家", "账户", "平台", "订单", "付款", "余额", "索赔", "退款", "商品", "仓库", "地区", "客服",
            "邮件", "对账单", "报告", "保证金", "日期", "时间", "买家", "政策", "帮助", "页面", "表格", "申请",
            "原因", "记录", "发票", "税务", "费用", "店铺", "库存", "配送", "关闭", "暂停", "确认", "下载"]


def _chinese(rng: random.Random, english: str) -> str:
    """Han text of about half the English text's characters (Chinese needs about that many),
    ending as the English does, and keeping its numbers (titles stay unique)."""
    numbers = "".join(f"（{n}）" for n in re.findall(r"\d+", english))
    want = max(2, len(english) // 2 - len(numbers))
    text = ""
    while len(text) < want:
        text += rng.choice(ZH_WORDS) + ("，" if rng.random() < 0.08 else "")
    text = text[:want].rstrip("，") + numbers
    return text + "。" if english.endswith(".") else text


def _translated(rng: random.Random, text):
    if isinstance(text, dict):
        return {key: _translated(rng, value) for key, value in text.items()}
    if isinstance(text, list):
        return [_translated(rng, value) for value in text]
    return _chinese(rng, text)


def translation_data(english: dict, kind: str) -> dict:
    """A complete, current Chinese translation of a platform or procedure (every unit, each with
    the fingerprint of its English text), as `make translate` and a translator would leave it."""
    from macros.data.model import Platform, Procedure
    from macros.data.translations import fingerprint, units

    rng = random.Random(english["id"])
    found = units(english, {"platform": Platform, "procedure": Procedure}[kind]).texts
    return {"language": "zh",
            "translated": {"by": "Benchmark", "date": "2026-11-01", "machine_assisted": True},
            "units": {uid: {"from": fingerprint(text), **_translated(rng, text)} for uid, text in found.items()}}


def write_translations(root: Path, procedures: list[dict], platforms: int = PLATFORMS) -> None:
    """Every guide and every platform in use translated into Chinese: <name>.zh.yml beside each file."""
    used = sorted({p["platform"] for p in procedures})
    for index in range(1, platforms + 1):
        data = platform_data(index)
        if data["id"] in used:
            _dump_translation(root / "data" / "platforms" / f"{data['id']}.zh.yml", root,
                              translation_data(data, "platform"))
    for p in procedures:
        _dump_translation(root / "data" / "procedures" / p["platform"] / f"{slug(p)}.zh.yml", root,
                          translation_data(p, "procedure"))


def _dump_translation(path: Path, root: Path, data: dict) -> None:
    from macros.data.translation_checks import schema_line

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)  # one line per text
    path.write_text(schema_line(path, root) + "\n" + text, encoding="utf-8")


def slug(procedure: dict) -> str:
    return procedure["id"].removeprefix(procedure["platform"] + "-")


def _schema_line(kind: str) -> str:
    """The editor line each data file starts with (rule SC027), taken from the project's checks."""
    try:
        from macros.data.checks import SCHEMA_LINES
        from macros.data.model import Platform, Procedure
        return SCHEMA_LINES[{"platform": Platform, "procedure": Procedure}[kind]] + "\n"
    except (ImportError, AttributeError, KeyError):
        up = "../../" if kind == "platform" else "../../../"
        return f"# yaml-language-server: $schema={up}schema/{kind}.schema.json\n"


def _dump(path: Path, data: dict, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(_schema_line(kind) + text, encoding="utf-8")


# --------------------------------------------------------------------------- plain Markdown


def _item(item: dict, numbers: dict[str, int], marker: str = "-") -> str:
    cites = "".join(f"[\\[{numbers[r]}\\]](#sources)" for r in item.get("sources", []))
    text = f"{marker} [ ] {item['title']}{cites}\n"
    if item.get("details"):
        text += f"    {item['details']}\n"
    return text


def procedure_markdown(p: dict) -> str:
    """The same content as a hand-written Material page: headings, notes, task lists, sources."""
    numbers = {s["id"]: i for i, s in enumerate(p["sources"], 1)}
    out = [(f"---\ndescription: \"{p['summary']}\"\n---\n\n# {p['title']}\n\n{p['summary']}\n\n"
           f"Platform: [{p['platform']}](index.md) · Last reviewed: {p['last_reviewed']}\n\n"
           "!!! danger \"This cannot be undone\"\n    Finish every item under \"Before you start\" first.\n\n")]
    for heading, key in (("Consider first", "alternatives"), ("Money at stake", "money")):
        if p.get(key):
            out.append(f"## {heading}\n\n" + "".join(f"- **{n['title']}**  \n  {n['details']}\n" for n in p[key])
                       + "\n")
    if p.get("waits"):
        out.append("## Waiting periods\n\n" + "".join(f"- **90 days {w['starts']}**  \n  {w['why']}\n"
                                                      for w in p["waits"]) + "\n")
    out.append("## Before you start\n\n" + "".join(_item(i, numbers) for i in p["precautions"]) + "\n")
    out.append("## Steps\n\n" + "".join(_item(s, numbers) for s in p["steps"]) + "\n")
    if p.get("after"):
        out.append("## After\n\n" + "".join(f"- **{n['title']}**  \n  {n['details']}\n" for n in p["after"]) + "\n")
    out.append("## Troubleshooting\n\n")
    for t in p["troubleshooting"]:
        out.append(f"### {t['problem']}\n\nLikely causes:\n\n" + "".join(f"- {c}\n" for c in t["causes"])
                   + "\nWhat to do:\n\n" + "".join(_item(f, numbers) for f in t["fixes"]) + "\n")
    out.append("## Where sources disagree\n\n" if p.get("conflicts") else "")
    for c in p.get("conflicts", []):
        out.append(f"### {c['topic']}\n\n" + "".join(f"- Source [{numbers[x['source']]}]: {x['says']}\n"
                                                     for x in c["positions"])
                   + f"\n**Safe action:** {c['safe_action']}\n\n")
    out.append("## Sources\n\n" + "".join(f"{i}. [{s['title']}]({s['url']}), {s['publisher']}\n"
                                          for i, s in enumerate(p["sources"], 1)))
    return "".join(out)


def write_markdown(docs: Path, procedures: list[dict]) -> None:
    """Plain pages in the same folders as the generated ones: <platform>/index.md, <platform>/<slug>.md."""
    by_platform: dict[str, list[dict]] = {}
    for p in procedures:
        by_platform.setdefault(p["platform"], []).append(p)
    home = ["# Seller Checklists\n\nGuides by platform.\n\n"]
    for platform, items in sorted(by_platform.items()):
        folder = docs / platform
        folder.mkdir(parents=True, exist_ok=True)
        links = "".join(f"- [{p['title']}]({slug(p)}.md)  \n  {p['summary']}\n" for p in items)
        (folder / "index.md").write_text(f"# {platform}\n\n## Procedures\n\n{links}", encoding="utf-8")
        home.append(f"### [{platform}]({platform}/index.md)\n\n"
                    + "".join(f"- [{p['title']}]({platform}/{slug(p)}.md)  \n  {p['summary']}\n" for p in items)
                    + "\n")
        for p in items:
            (folder / f"{slug(p)}.md").write_text(procedure_markdown(p), encoding="utf-8")
    (docs / "index.md").write_text("".join(home), encoding="utf-8")
