"""Links that go where they say.

The model lets only `https://` addresses through (SC012). Here: an address must not hide its
destination (a user name before '@', a backslash that browsers read as '/', a host with '%' or
'_': SC042), its host must be ASCII (a look-alike letter from another script is invisible in
review: SC043), and an address the page presents as the platform's own must be on one of the
platform's `domains` (SC044).
"""

from __future__ import annotations

import re

from .model import URL_PATTERN
from .problems import Problem
from .yamlread import Document, _dotted

_PLAIN_HOST = re.compile(r"^[A-Za-z0-9.-]+$")


def host_of(url: str) -> str:
    """The host of an https:// address, as written (no user name, no port)."""
    authority = re.split(r"[/?#]", url[len("https://"):], maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    return re.sub(r":\d*$", "", host)


def on_domains(host: str, domains) -> bool:
    """sellercentral.amazon.co.uk is on amazon.co.uk: the host is a domain or ends with '.' + one."""
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def _ascii_form(host: str) -> str | None:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def url_problem(url: str, field: str) -> tuple[str, str, str] | None:
    """(code, message, fix) when an https:// address hides where it goes; None when it is plain."""
    if not re.match(URL_PATTERN, url):
        return None  # the model reports it (SC012)
    if "\\" in url:
        return ("SC042", f"{field}: the address contains a backslash, which browsers read as '/'",
                "copy the address from the browser's address bar; it has no backslash")
    authority = re.split(r"[/?#]", url[len("https://"):], maxsplit=1)[0]
    if "@" in authority:
        said = f"{field}: the address has a user name before '@' (the browser goes to '{host_of(url)}', after it)"
        return ("SC042", said, "remove everything between 'https://' and '@'; a link never needs a user name")
    host = host_of(url)
    if not host:
        return ("SC012", f"{field}: the address has no host name", "write the page's full address: https://host/path")
    if not host.isascii():
        ascii_form = _ascii_form(host)
        fix = (f"write the host as {ascii_form} (its ASCII form), after checking that this is the site you mean"
               if ascii_form else "write the host name in ASCII letters, digits and hyphens")
        return ("SC043", f"{field}: the host '{host}' has non-ASCII characters, which can imitate other letters",
                fix)
    if not _PLAIN_HOST.match(host):
        return ("SC042", f"{field}: the host '{host}' has characters a host name does not have ('%', '_', ...)",
                "copy the address from the browser's address bar")
    return None


def entries(value, key: str) -> list[tuple[int, dict]]:
    """(index, mapping) of each mapping in the list value[key]."""
    items = value.get(key) if isinstance(value, dict) else None
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _url_in(item: dict, *keys: str):
    for key in keys:
        item = item.get(key) if isinstance(item, dict) else None
    return item


def _official_urls(value: dict, kind: str):
    """(location, address, what it is) of each address the page presents as the platform's own."""
    if kind == "platform":
        yield ("seller_portal_url",), value.get("seller_portal_url"), "seller portal"
        yield ("help_centre_url",), value.get("help_centre_url"), "help centre"
        for i, channel in entries(value, "support_channels"):
            yield ("support_channels", i, "url"), channel.get("url"), "support channel"
        return
    for i, source in entries(value, "sources"):
        if source.get("official") is True and not source.get("official_host_note"):
            yield ("sources", i, "url"), source.get("url"), "official source"
    for i, step in entries(value, "steps"):
        yield ("steps", i, "where", "url"), _url_in(step, "where", "url"), "where"
        for j, choice in entries(step, "choices"):
            yield ("steps", i, "choices", j, "where", "url"), _url_in(choice, "where", "url"), "where"


def check_official_hosts(doc: Document, display: str, kind: str, platform: str, domains) -> list[Problem]:
    """SC044: the platform's portal, help centre, support links, official sources and `where`
    links are on the platform's domains (or, for a source, say why not in official_host_note)."""
    problems = []
    domains = [d for d in domains if isinstance(d, str)]
    for loc, url, what in _official_urls(doc.value, kind):
        if not isinstance(url, str) or not re.match(URL_PATTERN, url) or url_problem(url, ""):
            continue  # no address, or one refused for another reason
        host = host_of(url)
        if host and not on_domains(host, domains):
            listed = ", ".join(domains) if domains else "none listed"
            if kind == "platform":
                fix = "use the platform's own address, or add its domain to 'domains' if the platform runs it"
            elif what == "official source":
                fix = ("cite the platform's own page; if this official page really lives elsewhere (an SEC "
                       "filing, a help centre a vendor runs), add 'official_host_note' saying why")
            else:
                fix = "use the address on the platform's own site, or leave 'url' out"
            line, col = doc.where(loc)
            problems.append(Problem(display, line, col, "SC044",
                                    f"{_dotted(loc)}: the {what} address is on '{host}', not on {platform}'s "
                                    f"domains ({listed})", fix))
    return problems
