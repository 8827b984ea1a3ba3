"""One language at a time: a crawl of every page each role can reach.

With English on, no Thai outside agency data (what people typed: names, titles, steps, and
the NACC's own criteria texts, which exist only in Thai); with Thai on, no English words
outside codes (ITA, IIT, EIT, OIT, o1, …), file kinds and user names.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.db import models
from django.utils.text import Truncator
from playwright.sync_api import Error as PlaywrightError

from itaplan.domain.criteria import FRAMEWORKS_DIR as FRAMEWORKS
from itaplan.domain.criteria import available_years, load
from itaplan.tests.site import ROLES, load_site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULES = FRAMEWORKS.parent / "oit_rules"
#: Lengths the templates cut long texts to (``truncatechars``).
TRUNCATIONS = (48, 60, 80, 120, 140, 160)
#: Pages per role, at most (the supervision table's sort links alone are dozens).
LIMIT = 45
SKIP = re.compile(
    r"/logout|/i18n/|/admin/|\.(docx|pdf|xlsx|csv|zip)\b|/documents/|/evidence/|/export|/download"
    r"|[?&](sort|page)="
)
#: Thai words (a Thai letter, then anything Thai): Thai digits alone are an example of input.
THAI = re.compile(r"[\u0E01-\u0E4F][\u0E01-\u0E5B\s\d.,:;()/%\-–'\"“”]*")
LATIN = re.compile(r"\b[A-Za-z][A-Za-z'’-]+\b")
#: English that stays in Thai pages: codes and levels (AA … F), file kinds, the product, the
#: other language's name.
ALLOWED_LATIN = re.compile(
    r"^(ITA|ITAS|IIT|EIT|OIT|[ieoIEO]\d+|AA|[A-F][+-]?|itaplan|DOCX|PDF|XLSX|CSV|Word|Excel|URL|KB|MB|"
    r"English|OK|e|mail|http|https|www|go|th|com|txt|docx|pdf|csv|xls|xlsx|xlsm|ZIP|zip|UTF|TIS|Windows)$"
)


def agency_data() -> list[str]:
    """Every text people typed or files brought (longest first, so parts go after wholes)."""
    texts: set[str] = set()
    for model in apps.get_models():
        if not (model.__module__.startswith("itaplan") or model._meta.label == "auth.User"):
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if names:
            for row in model.objects.values_list(*names):
                texts.update(str(v).strip() for v in row if v)
    # The knowledge base (files and the agency's own): measure texts and analyses in Thai,
    # written for the agency's Thai documents, shown as they will be printed.
    from itaplan.domain.knowledge import KNOWLEDGE_DIR

    for data_file in KNOWLEDGE_DIR.glob("*.yaml"):
        texts.update(_strings(yaml.safe_load(data_file.read_text(encoding="utf-8"))))
    from itaplan.knowledgebase.models import MeasureTemplate

    for steps in MeasureTemplate.objects.values_list("steps", flat=True):
        texts.update(_strings(steps))
    # What the reader found in a file and its notes quote (an agency name as printed).
    from itaplan.results.models import Result

    for notes in Result.objects.values_list("intake_notes", flat=True):
        for note in notes or []:
            texts.update(_quoted(note))
    # The criteria and OIT rules files: the NACC's own texts and their sources, only in Thai.
    for data_file in (*FRAMEWORKS.glob("*.yaml"), *RULES.glob("*.yaml")):
        texts.update(_strings(yaml.safe_load(data_file.read_text(encoding="utf-8"))))
    for year in available_years():
        framework = load(year)
        data = framework.data
        texts.update(t.name for t in data.tools)
        texts.update(i.name for i in data.indicators)
        texts.update(a for i in data.indicators for a in i.aliases)
        texts.update(s.name for s in data.sub_indicators)
        texts.update(i.text for i in data.items)
        texts.update(level.label for level in data.levels)
    whole = {_spaced(t) for t in texts if t.strip()}
    # Long texts are shown cut (truncatechars): their cut forms are the same data.
    cut = {Truncator(t).chars(n) for t in whole for n in TRUNCATIONS if len(t) > n}
    # One or two letters (levels "A", "B") would cut words apart; they are allowed codes.
    return sorted((t for t in whole | cut if len(t) > 2), key=len, reverse=True)


def _quoted(message: Any) -> list[str]:
    """The plain texts a stored message quotes (not its own wording, its template)."""
    if isinstance(message, str):
        return [message.strip()]
    if isinstance(message, list):
        return [s for part in message for s in _quoted(part)]
    if isinstance(message, dict):
        return [s for value in (message.get("params") or {}).values() for s in _quoted(value)]
    return []


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        found = [node.strip()]
        if ":" in node:  # a source, "status: detail"
            found.append(node.partition(":")[2].strip())
        return found
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _spaced(text: str) -> str:
    return " ".join(text.split())


def crawl(page: Any, base: str, start: str) -> dict[str, str]:
    """Path → visible text of every page reachable by links from ``start``."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        try:
            response = page.goto(base + path)
        except PlaywrightError:  # a file download, not a page
            seen[path] = ""
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            seen[path] = ""
            continue
        # The language switch names the other language in that language (lang="th"/"en").
        # Folded sections (<details>) count too: open them before reading the page. The
        # criteria files' technical notes, shown to site admins only, are left as written.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
        page.evaluate("document.querySelectorAll('[data-technical]').forEach(e => e.remove())")
        page.evaluate(
            "document.querySelectorAll('body [lang]').forEach(e => "
            "{ if (e.lang !== document.documentElement.lang) e.remove() })"
        )
        seen[path] = page.inner_text("body")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = href.split("#")[0]
            if href.startswith(base) and not SKIP.search(href):
                queue.append(href[len(base) :])
    return seen


def foreign(text: str, data: list[str], language: str) -> list[str]:
    text = _spaced(text)
    for known in data:
        text = text.replace(known, " ")
    if language == "en":
        return [m.strip() for m in THAI.findall(text) if m.strip()]
    return [w for w in LATIN.findall(text) if not ALLOWED_LATIN.match(w.strip("-’'"))]


@pytest.mark.parametrize("language", ["en", "th"])
def test_every_page_a_role_reaches_speaks_one_language(
    chromium: Any, live_server: Any, settings: Any, language: str
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_site()
    data = agency_data()
    context = chromium.new_context(locale="th-TH")
    page = context.new_page()
    found: dict[str, set[str]] = {}
    pages = 0
    for role in ROLES:
        log_in(page, live_server.url, role, language)
        for path, text in crawl(page, live_server.url, "/").items():
            pages += 1
            for words in foreign(text, data, language):
                found.setdefault(words[:80], set()).add(f"{role} {path}")
    context.close()
    assert pages > 60
    report = [
        f"{words!r} on {len(where)} pages, e.g. {sorted(where)[0]}"
        for words, where in found.items()
    ]
    assert not report, f"{len(report)} texts in the other language:\n" + "\n".join(sorted(report))
