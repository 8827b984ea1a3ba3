"""Cells of exported workbooks: text typed by people is text, never a formula.

A measure titled ``=HYPERLINK("http://…"&A1,"คลิก")`` must reach Excel as those
characters. openpyxl turns any string starting with ``=`` into a formula, so every
string goes through :func:`cell`: it is forced to a text cell, and text that a
spreadsheet would read as a formula when edited (a leading ``= + - @``, tab or
carriage return) also gets Excel's own "quote prefix", which shows the text as
typed, without an added apostrophe, and keeps it text when the cell is edited.
Every XLSX export (plan, result, supervision, results template) writes its rows
through :func:`append`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def as_text(target: Cell) -> Cell:
    """``target`` with a string value made a text cell (quote-prefixed when risky)."""
    if isinstance(target.value, str):
        target.data_type = "s"
        if looks_like_formula(target.value):
            target.quotePrefix = True
    return target


def cell(sheet: Worksheet, value: Any) -> Any:
    """What to append for ``value``: strings become safe text cells; the rest is kept."""
    if isinstance(value, Cell):
        return as_text(value)
    if isinstance(value, Promise):  # a translated label (choices), in the active language
        value = str(value)
    if isinstance(value, str):
        return as_text(WriteOnlyCell(sheet, value=value))
    return value


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append`` with every string a text cell (normal and write-only sheets)."""
    sheet.append([cell(sheet, value) for value in values])
