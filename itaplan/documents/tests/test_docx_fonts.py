"""The DOCX carries its font and says who wrote it: read back from the zip itself."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile

from fontTools.ttLib import TTFont
from lxml import etree

from itaplan.documents import docxfonts, fonts
from itaplan.documents.docx import DEFAULT_BASE, measures_docx
from itaplan.documents.tests.conftest import build_seed, seed_docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _font_parts(package: zipfile.ZipFile) -> dict[str, bytes]:
    """style → the de-obfuscated font file, following fontTable.xml as Word does."""
    table = etree.fromstring(package.read("word/fontTable.xml"))
    rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    entry = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == fonts.DOCX_FONT)
    files = {}
    for embed in entry:
        style = embed.tag.removeprefix(f"{W}embed")
        key = uuid.UUID(embed.get(f"{W}fontKey").strip("{}"))
        data = package.read("word/" + targets[embed.get(f"{R}id")])
        files[style] = docxfonts.obfuscate(data, key)
    return files


def test_the_docx_carries_regular_and_bold_sarabun_ita_obfuscated_as_word_does() -> None:
    package = _zip(seed_docx_bytes("004"))
    files = _font_parts(package)
    assert files == {
        "Regular": fonts.DOCX_REGULAR.read_bytes(),
        "Bold": fonts.DOCX_BOLD.read_bytes(),
    }
    stored = [n for n in package.namelist() if n.endswith(".odttf")]
    assert len(stored) == 2
    assert all(package.read(n)[:32] != files["Regular"][:32] for n in stored)  # obfuscated
    types = package.read("[Content_Types].xml").decode()
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types
    settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find(f"{W}embedTrueTypeFonts") is not None


def test_obfuscation_xors_the_first_32_bytes_with_the_reversed_guid() -> None:
    key = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff")
    font = bytes(40)
    hidden = docxfonts.obfuscate(font, key)
    assert hidden[:16] == bytes.fromhex("ffeeddccbbaa99887766554433221100")
    assert hidden[16:32] == hidden[:16] and hidden[32:] == bytes(8)
    assert docxfonts.obfuscate(hidden, key) == font


def test_a_document_in_the_government_font_embeds_nothing() -> None:
    data = measures_docx(build_seed("004").document, font=fonts.GOVERNMENT_FONT)
    package = _zip(data)
    assert not [n for n in package.namelist() if n.endswith(".odttf")]
    styles = package.read("word/styles.xml").decode()
    assert fonts.GOVERNMENT_FONT in styles and fonts.DOCX_FONT not in styles


def test_sarabun_ita_is_sarabun_at_the_size_of_th_sarabun_with_every_glyph_inside_its_lines() -> (
    None
):
    sarabun, ita = TTFont(str(fonts.REGULAR)), TTFont(str(fonts.DOCX_REGULAR))
    assert ita["name"].getDebugName(1) == fonts.DOCX_FONT
    scale = sarabun["head"].unitsPerEm / ita["head"].unitsPerEm
    assert abs(scale - fonts.SARABUN_SCALE) < 0.001
    assert ita.getGlyphOrder() == sarabun.getGlyphOrder()
    glyphs = ita["glyf"]
    tops = [glyphs[n].yMax for n in ita.getGlyphOrder() if hasattr(glyphs[n], "yMax")]
    bottoms = [glyphs[n].yMin for n in ita.getGlyphOrder() if hasattr(glyphs[n], "yMin")]
    assert ita["OS/2"].usWinAscent >= max(tops) and ita["OS/2"].usWinDescent >= -min(bottoms)
    assert ita["OS/2"].sTypoAscender == ita["hhea"].ascent == ita["OS/2"].usWinAscent


def test_core_properties_name_the_document_and_the_agency_now() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    document = build_seed("004").document
    package = _zip(measures_docx(document))
    core = package.read("docProps/core.xml").decode()
    assert f"<dc:creator>{document.agency.name}</dc:creator>" in core
    assert "<dc:title>มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in core
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert created is not None
    assert dt.datetime.fromisoformat(created[1].replace("Z", "+00:00")) >= before
    for name in package.namelist():
        if name.endswith((".xml", ".rels")):
            assert b"python-docx" not in package.read(name), name
            assert b"Macintosh" not in package.read(name), name
    assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_the_base_template_is_lean() -> None:
    package = zipfile.ZipFile(DEFAULT_BASE)
    assert package.getinfo("word/styles.xml").file_size < 20_000
    assert "word/stylesWithEffects.xml" not in package.namelist()
