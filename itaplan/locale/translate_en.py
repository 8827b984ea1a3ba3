"""Fill itaplan/locale/en/LC_MESSAGES/django.po from the table below.

Thai is the source language of the templates; after ``makemessages -l en``
run ``python itaplan/locale/translate_en.py`` and ``compilemessages``. A msgid
missing from the table is listed and left for a person to translate.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).with_name("en") / "LC_MESSAGES" / "django.po"

EN = {
    "'%(value)s' ไม่ใช่ตัวเลข": "'%(value)s' is not a number",
    "คะแนนต้องอยู่ระหว่าง 0 ถึง 100": "The score must be between 0 and 100",
    "ปีงบประมาณของผลการประเมิน": "Fiscal year of the result",
    "คะแนนรวมที่พิมพ์": "Printed total",
    "ระดับที่พิมพ์": "Printed level",
    "IIT ที่พิมพ์": "Printed IIT",
    "EIT ที่พิมพ์": "Printed EIT",
    "OIT ที่พิมพ์": "Printed OIT",
    "คะแนนรวมปีก่อน": "Previous year's total",
    "กรุณากรอกคะแนนอย่างน้อยหนึ่งตัวชี้วัด": "Please enter at least one indicator score",
    "ไฟล์ใหญ่เกินไป (%(size)s) รับได้ไม่เกิน %(limit)s": "The file is too large (%(size)s); the limit is %(limit)s",
    "เว้นว่างได้ ระบบจะหาปีจากข้อความ": "May be left empty: the year is read from the text",
    "วางข้อความ": "Paste text",
    "หรืออัปโหลดไฟล์ (.txt, .docx, .pdf)": "or upload a file (.txt, .docx, .pdf)",
    "หาจากข้อความ": "Read from the text",
    "กรุณาวางข้อความหรือเลือกไฟล์": "Please paste text or choose a file",
    "ไฟล์ตาราง (.xlsx หรือ .csv)": "Spreadsheet (.xlsx or .csv)",
    "บันทึกผลการประเมินปี %(year)s แล้ว": "The %(year)s result was saved",
    "บันทึกผลการประเมิน %(count)s รายการแล้ว": "%(count)s results were saved",
    "หน่วยงาน": "Agencies",
    "หน่วยงานที่ท่านเข้าถึงได้": "Agencies you can access",
    "ผู้กำกับดูแล (อ่านอย่างเดียว)": "Supervisor (read only)",
    "อ.": "District ",
    "จ.": "Province ",
    "ทั้งประเทศ": "whole country",
    "ค้นหาชื่อหน่วยงาน รหัส อำเภอ หรือจังหวัด": "Search by agency name, code, district or province",
    "ค้นหา": "Search",
    "อำเภอ / จังหวัด": "District / province",
    "ปีล่าสุด": "Latest year",
    "คะแนนรวม": "Total",
    "ระดับ": "Level",
    "ข้อสังเกต": "Findings",
    "ยังไม่มีผลการประเมิน": "No result yet",
    "หน้า": "Pages",
    "ก่อนหน้า": "Previous",
    "หน้า %(n)s จาก %(total)s": "Page %(n)s of %(total)s",
    "ถัดไป": "Next",
    "ไม่พบหน่วยงานที่ค้นหา": "No agency matches the search",
    "ท่านยังไม่ได้เป็นสมาชิกของหน่วยงานใด กรุณาติดต่อผู้ดูแลระบบ": "You are not a member of any agency yet. Please contact the administrator.",
    "เมนูผู้ใช้": "User menu",
    "นำเข้าหลายหน่วยงาน": "Bulk import",
    "เปลี่ยนรหัสผ่าน": "Change password",
    "ออกจากระบบ": "Log out",
    "itaplan — มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)": "itaplan — integrity and transparency measures (ITA)",
    "เข้าสู่ระบบ": "Log in",
    "ลืมรหัสผ่าน": "Forgot password",
    "เปลี่ยนรหัสผ่านแล้ว": "Password changed",
    "กลับหน้าแรก": "Back to the home page",
    "ตั้งรหัสผ่านใหม่แล้ว": "New password set",
    "ตั้งรหัสผ่านใหม่": "Set a new password",
    "ลิงก์นี้ใช้ไม่ได้แล้ว (อาจใช้ไปแล้วหรือหมดอายุ) กรุณาขอลิงก์ใหม่": "This link no longer works (already used or expired). Please ask for a new one.",
    "ขอลิงก์ใหม่": "Ask for a new link",
    "ส่งอีเมลแล้ว": "E-mail sent",
    "หากอีเมลนี้ลงทะเบียนไว้ ท่านจะได้รับลิงก์สำหรับตั้งรหัสผ่านใหม่ในไม่ช้า กรุณาตรวจสอบกล่องจดหมาย (รวมถึงจดหมายขยะ)": "If this address is registered you will soon receive a link to set a new password. Please check your inbox (and spam folder).",
    "กลับไปเข้าสู่ระบบ": "Back to log in",
    "เรียน ผู้ใช้ itaplan": "Dear itaplan user,",
    "มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชี %(username)s ที่ %(site_name)s": "Someone asked to reset the password of the account %(username)s at %(site_name)s.",
    "เปิดลิงก์นี้เพื่อตั้งรหัสผ่านใหม่ (ใช้ได้ครั้งเดียว):": "Open this link to set a new password (it works once):",
    "หากท่านไม่ได้ขอ ไม่ต้องทำอะไร รหัสผ่านเดิมยังใช้ได้": "If you did not ask, do nothing: your password still works.",
    "กรอกอีเมลที่ลงทะเบียนไว้ ระบบจะส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปให้": "Enter your registered e-mail address and we will send a link to set a new password.",
    "ส่งลิงก์ตั้งรหัสผ่านใหม่": "Send the link",
    "itaplan: ตั้งรหัสผ่านใหม่": "itaplan: set a new password",
    "เกณฑ์ปี %(year)s: อะไรตรวจสอบแล้ว อะไรเป็นการอนุมาน": "Criteria of %(year)s: what is verified, what is inferred",
    "เกณฑ์ระดับตรวจสอบแล้ว": "level rule verified",
    "เกณฑ์ระดับเป็นการอนุมาน": "level rule inferred",
    "ตารางระดับผลการประเมิน": "Level table",
    "คะแนนรวมขั้นต่ำ": "Minimum total",
    "ทุกแบบวัดไม่ต่ำกว่า": "Every tool at least",
    "ทุกตัวชี้วัดไม่ต่ำกว่า": "Every indicator at least",
    "ที่มา": "Source",
    "สิ่งที่ยังไม่ทราบ": "Not known yet",
    "ที่มาของข้อมูลเกณฑ์": "Where the criteria come from",
    "คะแนนที่พิมพ์ไว้ตรงกับที่คำนวณได้ ไม่พบความคลาดเคลื่อน": "The printed scores match the computed ones: no discrepancy found.",
    "ตัวชี้วัด": "Indicators",
    "แบบวัด": "Tool",
    "คะแนนที่กรอก/พิมพ์": "Entered / printed",
    "คำนวณจากประเด็น": "Computed from items",
    "ระดับการพัฒนา": "Class",
    "พิมพ์ไว้หลายค่า": "printed with different values",
    "ไม่ทราบวิธีคำนวณ": "rule unknown",
    "ประเด็นการประเมิน %(n)s ข้อ": ("%(n)s item", "%(n)s items"),
    "ประเด็น": "Item",
    "ข้อความ": "Text",
    "คะแนน": "Score",
    "ยังไม่มีคะแนนตัวชี้วัดที่": "No score yet for indicators",
    "ช่องเหล่านี้ไม่ใช่ตัวเลขหรือเกิน 0–100 จึงยังไม่นำมาคำนวณ": "These fields are not numbers from 0 to 100 and are left out of the totals",
    "พิมพ์ไว้": "printed",
    "ผลการประเมินปี %(year)s": "Result %(year)s",
    "ผลการประเมิน ITA ปีงบประมาณ %(year)s — %(name)s": "ITA result, fiscal year %(year)s — %(name)s",
    "ฉบับที่ %(v)s": "Version %(v)s",
    "บันทึกโดย": "Entered by",
    "ระบบ": "the system",
    "เมื่อ": "on",
    "วันเวลา": "When",
    "นี่คือฉบับก่อนหน้า ซึ่งถูกแทนที่แล้ว": "This is an earlier version, since replaced.",
    "ดูฉบับปัจจุบัน": "See the current version",
    "คะแนนที่คำนวณได้เทียบกับที่พิมพ์ไว้": "Computed scores beside the printed ones",
    "คะแนนรวมปีก่อน (ตามที่พิมพ์ไว้)": "Previous year's total (as printed)",
    "เปลี่ยนแปลง": "change",
    "ผู้บันทึกและการเปลี่ยนแปลง": "Who entered and changed it",
    "ผู้ใช้": "User",
    "รายการ": "What",
    "ไม่มีบันทึก": "No entries",
    "ฉบับต่าง ๆ ของผลปีนี้": "Versions of this year's result",
    "ฉบับที่": "Version",
    "ปัจจุบัน": "current",
    "ข้อความต้นทาง": "Source text",
    "บันทึกฉบับใหม่ (แทนที่)": "Enter a new version (replace)",
    "กรอกผลการประเมิน": "Enter a result",
    "กรอกแบบฟอร์ม": "Fill in the form",
    "พิมพ์เลขไทยหรือเลขอารบิกก็ได้ (๙๖.๗๙ หรือ 96.79) คะแนนอยู่ระหว่าง 0 ถึง 100 ระบบคำนวณคะแนนรวมให้ระหว่างพิมพ์ และจะแสดงให้ตรวจทานก่อนบันทึก": "Thai or Arabic digits (๙๖.๗๙ or 96.79), scores from 0 to 100. Totals are computed as you type, and shown for review before saving.",
    "เปลี่ยนปี": "Change year",
    "เปลี่ยนปีแล้วรายการประเมินจะเปลี่ยนตามเกณฑ์ของปีนั้น (กรอกปีก่อนกรอกคะแนน)": "The items follow the criteria of the chosen year (choose the year before entering scores)",
    "กรุณาแก้ไขช่องที่มีข้อผิดพลาด": "Please correct the fields marked below",
    "คะแนนรายตัวชี้วัด": "Indicator scores",
    "คะแนนรายประเด็น (ไม่บังคับ)": "Item scores (optional)",
    "คะแนนที่พิมพ์ไว้ในผลการประเมิน (ไม่บังคับ ใช้ตรวจความถูกต้อง)": "Scores as printed in the result (optional, used for checking)",
    "ตรวจทานก่อนบันทึก": "Review before saving",
    "ยกเลิก": "Cancel",
    "คะแนนที่คำนวณได้": "Computed scores",
    "กำลังคำนวณ…": "computing…",
    "นำเข้าไฟล์ตาราง": "Spreadsheet import",
    "นำเข้าผลการประเมินจากไฟล์ตาราง": "Import results from a spreadsheet",
    "นำเข้าผลการประเมินของหลายหน่วยงาน": "Import results of many agencies",
    "ไม่ได้นำเข้า ไฟล์มีข้อผิดพลาด (ยังไม่มีการบันทึกข้อมูลใด ๆ)": "Not imported: the file has errors (nothing was saved)",
    "ตรวจทาน %(n)s แถวก่อนบันทึก": (
        "Review %(n)s row before saving",
        "Review %(n)s rows before saving",
    ),
    "แถว": "Row",
    "ปี": "Year",
    "มีผลเดิม (ฉบับที่ %(v)s)": "has a result (version %(v)s)",
    "พิมพ์": "printed",
    "แทนที่ผลเดิมของหน่วยงานและปีที่มีอยู่แล้ว (เก็บฉบับเดิมไว้ดูย้อนหลัง)": "Replace existing results of the same agency and year (earlier versions are kept)",
    "ยืนยันบันทึกทั้งหมด": "Save all",
    "อัปโหลดไฟล์": "Upload a file",
    "รับไฟล์ .xlsx หรือ .csv ขนาดไม่เกิน %(limit)s": ".xlsx or .csv files up to %(limit)s",
    "แถวแรกเป็นหัวคอลัมน์ตามแบบฟอร์ม หนึ่งแถวต่อหนึ่งหน่วยงานและปี คะแนน 0–100 เลขไทยหรือเลขอารบิกก็ได้": "The first row holds the template's headers; one row per agency and year; scores 0–100 in Thai or Arabic digits",
    "ไฟล์ .xlsx: อ่านเฉพาะแผ่นงานแรก ไม่รับเซลล์ที่มีสูตร (วางแบบค่าแทน) และไม่รับไฟล์ที่มีแมโคร (.xlsm/.xls)": ".xlsx: only the first sheet is read; cells with formulas are refused (paste values instead), and so are files with macros (.xlsm/.xls)",
    "ไฟล์ .csv: UTF-8 หรือ Windows-874 (TIS-620) จาก Excel ภาษาไทย": ".csv: UTF-8, or Windows-874 (TIS-620) from Thai Excel",
    "หากมีข้อผิดพลาดแม้แถวเดียว จะไม่บันทึกทั้งไฟล์ และจะแจ้งแถวและคอลัมน์ที่ผิดทั้งหมด": "If a single row is wrong nothing is saved, and every wrong row and column is listed",
    "จับคู่หน่วยงานด้วยรหัสหน่วยงาน หรือชื่อหน่วยงานที่ตรงกันทุกตัวอักษร": "Agencies are matched by code, or by their exact name",
    "อ่านและตรวจทาน": "Read and review",
    "ดาวน์โหลดแบบฟอร์ม": "Download a template",
    "แบบฟอร์มของแต่ละปีมีคอลัมน์ประเด็นการประเมินตามเกณฑ์ของปีนั้น (กรอกหรือเว้นว่างก็ได้)": "Each year's template has one column per item of that year (fill in or leave empty)",
    "ปีงบประมาณ": "Fiscal year",
    "วางข้อความหรืออัปโหลดเอกสาร": "Paste text or upload a document",
    "วางข้อความหรืออัปโหลดเอกสารผลการประเมิน": "Paste or upload a result document",
    "คัดลอกตารางผลการประเมินจากระบบ ITAS หรือจากเอกสารมาตรการเดิมของหน่วยงานมาวาง (เลขไทยหรือเลขอารบิกก็ได้) หรืออัปโหลดไฟล์ .txt .docx หรือ .pdf ระบบจะแสดงสิ่งที่อ่านได้ให้ตรวจทานก่อนบันทึก": "Paste the result table from ITAS or from the agency's earlier measures document (Thai or Arabic digits), or upload a .txt, .docx or .pdf file. What was read is shown for review before saving.",
    "ไฟล์ใหญ่ได้ไม่เกิน %(limit)s": "Files up to %(limit)s",
    "ไฟล์ PDF ต้องเป็นข้อความ ไม่ใช่ภาพสแกน": "PDF files must contain text, not scanned images",
    "รหัส": "code",
    "บันทึกผลการประเมิน": "Enter a result",
    "นำเข้าไฟล์ตาราง (Excel/CSV)": "Import a spreadsheet (Excel/CSV)",
    "ผลการประเมินรายปี": "Results by year",
    "ข้อสังเกต %(n)s": ("%(n)s finding", "%(n)s findings"),
    "ยังไม่มีผลการประเมินของหน่วยงานนี้": "This agency has no result yet",
    "ตรวจทานผลการประเมินปี %(year)s ก่อนบันทึก": "Review the %(year)s result before saving",
    "ยังไม่ได้บันทึก ตรวจดูสิ่งที่ระบบอ่านได้และคำนวณได้ แล้วกด 'ยืนยันบันทึก'": "Nothing is saved yet. Check what was read and computed, then press 'Save'.",
    "สิ่งที่พบในข้อความ": "Found in the text",
    "ไม่พบในข้อความ": "not found in the text",
    "ใช้ปี %(year)s ตามที่เลือก": "using %(year)s as chosen",
    "ชื่อหน่วยงาน": "Agency name",
    "ตรงกับหน่วยงานนี้": "matches this agency",
    "ไม่ตรงกับ %(name)s": "does not match %(name)s",
    "คะแนนที่อ่านได้": "Scores read",
    "ตัวชี้วัด %(i)s ตัว ประเด็นการประเมิน %(n)s ข้อ": "%(i)s indicators, %(n)s items",
    "อ่านไม่ได้ %(n)s บรรทัด": ("%(n)s line unread", "%(n)s lines unread"),
    "ค่าที่พิมพ์ไว้ไม่ตรงกัน": "Values printed differently",
    "ตัวชี้วัดที่ %(n)s พิมพ์ไว้หลายค่า (บรรทัด %(lines)s)": "Indicator %(n)s is printed with different values (lines %(lines)s)",
    "สอดคล้องกับคะแนนที่พิมพ์ไว้": "consistent with the printed scores",
    "บรรทัดที่ระบายสีคือบรรทัดที่มีตัวเลขแต่อ่านไม่ได้": "highlighted lines have numbers that could not be read",
    "หน่วยงานนี้มีผลการประเมินปี %(year)s อยู่แล้ว (ฉบับที่ %(v)s) การบันทึกจะแทนที่ฉบับเดิม โดยเก็บฉบับเดิมไว้ดูย้อนหลัง": "This agency already has a %(year)s result (version %(v)s). Saving replaces it; the earlier version is kept.",
    "ดูฉบับเดิม": "See it",
    "แทนที่ผลเดิม": "Replace the existing result",
    "ยืนยันบันทึก": "Save",
    "ยกเลิกและเริ่มใหม่": "Cancel and start again",
    "กลับไปแก้ไข": "Back to edit",
    "ระบบ (ไม่ได้บันทึกผ่านหน้าเว็บ)": "the system (not through the web)",
    "บันทึกคะแนน %(count)s รายการ": "entered %(count)s scores",
    "แก้ไขคะแนน %(count)s รายการ": "changed %(count)s scores",
    "ลบคะแนน %(count)s รายการ": "deleted %(count)s scores",
    "บันทึกผลการประเมินฉบับที่ %(version)s (%(source)s)": "entered version %(version)s of the result (%(source)s)",
    "ถูกแทนที่ด้วยฉบับใหม่ (เก็บไว้เป็นฉบับก่อนหน้า)": "replaced by a new version (kept as an earlier version)",
    "ลบผลการประเมิน": "deleted the result",
    "แก้ไข %(fields)s": "changed %(fields)s",
    "ไม่มีสิทธิ์": "Not allowed",
    "ข้อความยาวเกินไป (%(size)s) รับได้ไม่เกิน %(limit)s": "The text is too long (%(size)s); the limit is %(limit)s",
    "ไม่มีสิทธิ์ทำรายการนี้": "You may not do this",
    "ท่านดูข้อมูลของหน่วยงานนี้ได้ แต่แก้ไขหรือบันทึกไม่ได้ (ผู้กำกับดูแล ผู้บริหาร และเจ้าหน้าที่กอง/สำนักอ่านได้อย่างเดียว) หากต้องการสิทธิ์บันทึก กรุณาติดต่อผู้ดูแลหน่วยงาน": "You can read this agency's data but not change it (supervisors, executives and unit staff read only). Ask the agency's administrator if you need to enter data.",
    "ย้อนกลับ": "Back",
    "ไม่พบหน้านี้": "Page not found",
    "ไม่มีหน้านี้ หรือท่านไม่มีสิทธิ์เข้าถึงข้อมูลนี้": "This page does not exist, or you may not see it.",
    "คำขอไม่ถูกต้อง": "Bad request",
    "ระบบรับข้อมูลนี้ไม่ได้ (อาจใหญ่เกินไปหรือหน้าเว็บหมดอายุ) กรุณาลองใหม่": "This request could not be accepted (too large, or the page expired). Please try again.",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(lines: list[str]) -> str:
    parts = []
    for line in lines:
        quoted = line[line.index('"') + 1 : line.rindex('"')]
        parts.append(re.sub(r"\\(.)", r"\1", quoted))
    return "".join(parts)


def fill(po: str) -> tuple[str, list[str]]:
    """Return the .po text with every known msgstr filled, and the msgids still missing."""
    out, missing = [], []
    for block in po.split("\n\n"):
        lines = block.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
        if start is None:
            out.append(block)
            continue
        stop = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
        msgid_lines = [line for line in lines[start:stop] if not line.startswith("msgid_plural")]
        msgid = _unquote(
            msgid_lines[
                : next(
                    (k for k, line in enumerate(msgid_lines[1:], 1) if not line.startswith('"')),
                    len(msgid_lines),
                )
            ]
        )
        if msgid == "":  # the header
            header = [line for line in lines if line != "#, fuzzy"]
            out.append("\n".join(header).replace('"Language: \\n"', '"Language: en\\n"'))
            continue
        translation = EN.get(msgid)
        if translation is None:
            missing.append(msgid)
            out.append(block)
            continue
        head = [line for line in lines[:start] if line != "#, fuzzy" and not line.startswith("#| ")]
        body = lines[start:stop]
        if isinstance(translation, tuple):
            body += [f"msgstr[0] {_quote(translation[0])}", f"msgstr[1] {_quote(translation[1])}"]
        else:
            body += [f"msgstr {_quote(translation)}"]
        out.append("\n".join(head + body))
    return "\n\n".join(out), missing


def main() -> int:
    text, missing = fill(PO.read_text(encoding="utf-8"))
    text = text.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    PO.write_text(text, encoding="utf-8")
    for msgid in missing:
        print(f"no English yet: {msgid}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
