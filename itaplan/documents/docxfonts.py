"""Fonts carried inside a DOCX, as Word's "Embed fonts in the file" stores them.

ECMA-376 Part 1, §17.8.1 and §17.8.3.3: each font file is a part of its own
(``word/fonts/fontN.odttf``) related from the font table, where the font's entry
points at it with ``w:embedRegular`` / ``w:embedBold`` and the GUID that obfuscates
it: the first 32 bytes of the file are XOR-ed with the GUID's 16 bytes taken from the
last to the first. ``w:embedTrueTypeFonts`` in the settings keeps them when Word saves
the document again. Word and LibreOffice then lay the document out in the embedded
font on a machine that does not have it installed.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
#: Seeds the fonts' GUIDs, so the same font gets the same key and file in every document.
_KEY_NAMESPACE = uuid.UUID("6f0f2c4e-3b1a-4d7e-9c55-1b2f6f3f0a11")
_FONT_CHILDREN = [
    "altName",
    "panose1",
    "charset",
    "family",
    "notTrueType",
    "pitch",
    "sig",
    "embedRegular",
    "embedBold",
    "embedItalic",
    "embedBoldItalic",
]
_SETTINGS_BEFORE = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
]
_EMPTY_FONT_TABLE = (
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
)


def obfuscate(font: bytes, key: uuid.UUID) -> bytes:
    """``font`` as an ``.odttf`` part for ``key`` (the same call undoes it)."""
    reversed_key = key.bytes[::-1]
    head = bytes(b ^ reversed_key[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


@functools.cache
def _odttf(path: Path, key: uuid.UUID) -> bytes:
    return obfuscate(path.read_bytes(), key)


def _font_table(doc: DocxDocument) -> Part:
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            return rel.target_part  # type: ignore[no-any-return]
    part = Part(
        PackURI("/word/fontTable.xml"),
        CT.WML_FONT_TABLE,
        _EMPTY_FONT_TABLE.encode(),
        doc.part.package,
    )
    doc.part.relate_to(part, RT.FONT_TABLE)
    return part


def _font_entry(fonts: Any, family: str) -> Any:
    for entry in fonts.findall(qn("w:font")):
        if entry.get(qn("w:name")) == family:
            for child in list(entry):
                if child.tag.split("}")[1].startswith("embed"):
                    entry.remove(child)
            return entry
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), family)
    fonts.append(entry)
    return entry


def _add_in_order(entry: Any, name: str) -> Any:
    element = OxmlElement(f"w:{name}")
    later = {qn(f"w:{n}") for n in _FONT_CHILDREN[_FONT_CHILDREN.index(name) + 1 :]}
    follower = next((c for c in entry if c.tag in later), None)
    if follower is None:
        entry.append(element)
    else:
        follower.addprevious(element)
    return element


def embed_fonts(doc: DocxDocument, family: str, files: Mapping[str, Path]) -> None:
    """Carry the font ``family`` in ``doc``: ``files`` maps ``"Regular"``, ``"Bold"``,
    ``"Italic"`` or ``"BoldItalic"`` to a TrueType file of that style."""
    table = _font_table(doc)
    fonts = parse_xml(table.blob)
    entry = _font_entry(fonts, family)
    used = {p.partname for p in doc.part.package.iter_parts()}
    number = 1
    for style, path in files.items():
        while PackURI(f"/word/fonts/font{number}.odttf") in used:
            number += 1
        key = uuid.uuid5(_KEY_NAMESPACE, f"{family} {style}")
        partname = PackURI(f"/word/fonts/font{number}.odttf")
        used.add(partname)
        part = Part(partname, OBFUSCATED_FONT, _odttf(path, key), doc.part.package)
        embed = _add_in_order(entry, f"embed{style}")
        embed.set(qn("r:id"), table.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
    table._blob = serialize_part_xml(fonts)
    _embed_setting(doc)


def _embed_setting(doc: DocxDocument) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    element = OxmlElement("w:embedTrueTypeFonts")
    before = {qn(f"w:{n}") for n in _SETTINGS_BEFORE}
    last = None
    for child in settings:
        if child.tag in before:
            last = child
    if last is None:
        settings.insert(0, element)
    else:
        last.addnext(element)
