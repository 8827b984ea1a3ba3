"""The readable text of a fetched body: an HTML page, a PDF, a DOCX, an XLSX or plain text.

A page also yields the links to documents it carries (PDF, DOCX, XLSX), which the
checker follows: an item's evidence is often the file, not the page around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from itaplan.results.textfiles import (
    ExtractError,
    docx_text,
    pdf_layer_text,
    plain_text,
    xlsx_text,
)

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".doc", ".xls")
_KINDS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


@dataclass(frozen=True)
class Reading:
    text: str = ""
    scanned: bool = False
    links: tuple[str, ...] = ()
    unreadable: bool = False


def kind_of(url: str, content_type: str, body: bytes) -> str:
    """What a body is, by its content type, then its signature, then its file name."""
    kind = _KINDS.get(content_type)
    if kind and kind != "text":
        return kind
    if body.startswith(b"%PDF"):
        return "pdf"
    path = urlsplit(url).path.lower()
    if body.startswith(b"PK"):
        if path.endswith(".xlsx"):
            return "xlsx"
        return "docx"
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in body[:4096].lower():
        return "html"
    return kind or "other"


def read_body(url: str, content_type: str, body: bytes) -> Reading:
    """The text of a body; a PDF without a text layer is ``scanned``."""
    kind = kind_of(url, content_type, body)
    try:
        if kind == "html":
            return _html(url, body)
        if kind == "pdf":
            text = pdf_layer_text(body)
            return Reading(text=text, scanned=not text.strip())
        if kind == "docx":
            return Reading(text=docx_text(body))
        if kind == "xlsx":
            return Reading(text=xlsx_text(body))
        if kind == "text":
            return Reading(text=plain_text(body))
    except ExtractError:
        return Reading(unreadable=True)
    return Reading()


def _html(url: str, body: bytes) -> Reading:
    import lxml.html
    from lxml import etree

    if not body.strip():
        return Reading()
    try:
        root = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return Reading(unreadable=True)
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    text = " ".join(root.text_content().split())
    links: list[str] = []
    for anchor in root.xpath("//a[@href]|//iframe[@src]|//embed[@src]|//object[@data]"):
        href = anchor.get("href") or anchor.get("src") or anchor.get("data") or ""
        target = urljoin(url, href.strip())
        if urlsplit(target).path.lower().endswith(DOCUMENT_SUFFIXES) and target not in links:
            links.append(target)
    return Reading(text=text, links=tuple(links))
