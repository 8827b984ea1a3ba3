"""A fictional agency website (อบต.ทดสอบ) served on 127.0.0.1 for the checker's tests.

Every page is built here: good pages for several items, a wrong year, a 404, a
redirect loop, a slow page, a huge file, a PDF with text, a scanned PDF, a
placeholder page and a page whose document link is dead. :data:`EXPECTED` says what
the checker must conclude for each item of FY2568, so the test reads it item by item.
"""

from __future__ import annotations

import functools
import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

FILLER = (
    "องค์การบริหารส่วนตำบลทดสอบเผยแพร่ข้อมูลนี้เพื่อให้ประชาชนตรวจสอบการดำเนินงานได้ "
    "โดยปรับปรุงข้อมูลให้เป็นปัจจุบันอย่างสม่ำเสมอ และเปิดให้ผู้สนใจสอบถามเพิ่มเติมได้ทุกช่องทาง "
    "ข้อมูลทั้งหมดได้รับการรับรองโดยผู้บริหารของหน่วยงานแล้ว "
)
#: Seconds the slow page waits before answering; the tests' total timeout is shorter.
SLOW_SECONDS = 6.0
#: Size of the huge file; the tests' size cap is smaller.
HUGE_BYTES = 3 * 1024 * 1024


def page(title: str, body: str = "", links: str = "") -> bytes:
    return (
        "<!doctype html><html lang=th><head><meta charset=utf-8>"
        f"<title>{title}</title><script>var x = 'อยู่ระหว่างปรับปรุง';</script></head>"
        f"<body><nav>หน้าหลัก | เกี่ยวกับเรา</nav><h1>{title}</h1><p>{body}</p>{links}"
        f"<p>{FILLER}</p></body></html>"
    ).encode()


def pdf_with_text(text: str) -> bytes:
    from itaplan.documents.pdf import html_to_pdf

    return html_to_pdf(
        "<html><head><meta charset=utf-8><style>@font-face{font-family:Sarabun;"
        "src:url(../fonts/Sarabun-Regular.ttf)} body{font-family:Sarabun}</style></head>"
        f"<body><h1>{text}</h1><p>{FILLER}</p></body></html>"
    )


def scanned_pdf() -> bytes:
    """A PDF holding only a picture of a page, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(picture)
    for y in range(80, 760, 24):
        draw.line((60, y, 540, y), fill="black", width=6)
    out = io.BytesIO()
    picture.save(out, format="PDF", resolution=100)
    return out.getvalue()


def docx_with_text(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_with_rows(*rows: tuple[object, ...]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html; charset=utf-8"
#: Status, content type, body and extra headers of one path.
Route = tuple[int, str, bytes, dict[str, str]]


@dataclass(frozen=True)
class Expected:
    """What the checker must conclude for an item: its state and words of its reason."""

    state: str
    reason: str = ""


@functools.cache
def build() -> dict[str, Route]:
    """Path → (status, content type, body or a generator of chunks, extra headers)."""
    ok = 200
    routes: dict[str, Route] = {
        "/about/structure": (
            ok,
            HTML,
            page("โครงสร้างและอำนาจหน้าที่", "โครงสร้างส่วนราชการ อำนาจหน้าที่ตามกฎหมาย"),
            {},
        ),
        "/about/executives": (
            ok,
            HTML,
            page("ข้อมูลผู้บริหาร", "นายกองค์การบริหารส่วนตำบล ปลัด และรองปลัด"),
            {},
        ),
        "/contact": (ok, HTML, page("ติดต่อเรา", "ที่อยู่ ๙๙ หมู่ ๑ ตำบลทดสอบ โทรศัพท์ ๐ ๓๒๗๐ ๐๐๐๐"), {}),
        "/news": (ok, HTML, page("ข่าวประชาสัมพันธ์", "ข่าวกิจกรรมประจำเดือน"), {}),
        # o6 asks for this year's plan (2568); the page still shows last year's.
        "/plan/budget": (
            ok,
            HTML,
            page("แผนการดำเนินงานและการใช้งบประมาณประจำปี พ.ศ. ๒๕๖๗", "แผนงบประมาณ ปี ๒๕๖๗"),
            {},
        ),
        "/plan/strategy": (404, HTML, b"<html><body>Not Found</body></html>", {}),
        "/report/loop-a": (302, HTML, b"", {"Location": "/report/loop-b"}),
        "/report/loop-b": (302, HTML, b"", {"Location": "/report/loop-a"}),
        "/manual/staff": (ok, HTML, b"slow", {}),  # answered by the slow handler
        "/manual/service.pdf": (ok, PDF, b"huge", {}),  # answered by the huge handler
        "/eservice.docx": (ok, DOCX, docx_with_text("ระบบ E-Service ขอรับบริการออนลไน์", FILLER), {}),
        "/stats.xlsx": (
            ok,
            XLSX,
            xlsx_with_rows(("สถิติการให้บริการ", "จำนวน"), ("ขออนุญาตก่อสร้าง", 12), ("บริการ", FILLER)),
            {},
        ),
        # o12: a page whose procurement plan is a PDF with a text layer.
        "/procurement": (
            ok,
            HTML,
            page(
                "การจัดซื้อจัดจ้าง",
                "ดาวน์โหลดแผนการจัดซื้อจัดจ้าง",
                '<a href="/files/procurement-2568.pdf">แผน</a>',
            ),
            {},
        ),
        "/files/procurement-2568.pdf": (
            ok,
            PDF,
            pdf_with_text("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
            {},
        ),
        # o13: last year's procurement report, scanned without a text layer.
        "/files/procurement-report-2567.pdf": (ok, PDF, scanned_pdf(), {}),
        "/ethics": (ok, HTML, page("ประมวลจริยธรรม", "อยู่ระหว่างปรับปรุง"), {}),
        # o17: the guideline is a PDF that was removed; the link on the page is dead.
        "/complaints/guide": (
            ok,
            HTML,
            page(
                "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
                "แนวปฏิบัติ และขั้นตอนการจัดการเรื่องร้องเรียน",
                '<a href="/files/complaint-guide.pdf">ดาวน์โหลด</a>',
            ),
            {},
        ),
        "/integrity/measures": (
            ok,
            HTML,
            page(
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี พ.ศ. ๒๕๖๘",
                "มาตรการ ขั้นตอน ผู้รับผิดชอบ",
            ),
            {},
        ),
        "/integrity/report": (
            ok,
            HTML,
            page(
                "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี พ.ศ. 2567",
                "รายงานผล ตามมาตรการ",
            ),
            {},
        ),
    }
    return routes


#: Item → path(s) on the site the agency records, for FY2568.
URLS = {
    "o1": ["/about/structure"],
    "o2": ["/about/executives"],
    "o3": ["/contact"],
    "o4": ["/news"],
    "o5": ["/plan/strategy"],
    "o6": ["/plan/budget"],
    "o7": ["/report/loop-a"],
    "o8": ["/manual/staff"],
    "o9": ["/manual/service.pdf"],
    "o10": ["/eservice.docx"],
    "o11": ["/stats.xlsx"],
    "o12": ["/procurement"],
    "o13": ["/files/procurement-report-2567.pdf"],
    "o16": ["/ethics"],
    "o17": ["/complaints/guide"],
    "o27": ["/integrity/measures"],
    "o28": ["/integrity/report"],
}

#: What the checker must say about each item (items not listed have no URL: missing).
EXPECTED = {
    "o1": Expected("ready"),
    "o2": Expected("ready"),
    "o3": Expected("ready"),
    "o4": Expected("ready"),
    "o5": Expected("missing", "รหัส 404"),
    "o6": Expected("at_risk", "ไม่พบปี พ.ศ. ๒๕๖๘"),
    "o7": Expected("missing", "วนซ้ำ"),
    "o8": Expected("missing", "ไม่ตอบกลับภายใน"),
    "o9": Expected("at_risk", "ใหญ่เกิน"),
    "o10": Expected("ready"),
    "o11": Expected("ready"),
    "o12": Expected("ready"),
    "o13": Expected("at_risk", "ภาพสแกน"),
    "o16": Expected("at_risk", "หน้าชั่วคราว"),
    "o17": Expected("at_risk", "เปิดไม่ได้ (รหัส 404)"),
    "o27": Expected("ready"),
    "o28": Expected("ready"),
}


class CountingHandler(BaseHTTPRequestHandler):
    """A quiet handler that counts the requests it served, those in flight and the most
    seen at once (the per-host limit). Give each server its own subclass: the counts and
    the lock are class attributes."""

    active = 0
    peak = 0
    served = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def arrive(self) -> None:
        """Count this request as in flight."""
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.peak = max(cls.peak, cls.active)
            cls.served += 1

    def depart(self) -> None:
        """Stop counting this request: call it just before the answer goes out, as the
        client can only start its next request after reading it."""
        with type(self).lock:
            type(self).active -= 1


class _Handler(CountingHandler):
    routes: ClassVar[dict[str, Route]] = {}
    user_agents: ClassVar[set[str]] = set()
    cookies_seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.arrive()
        cls = type(self)
        with cls.lock:
            cls.user_agents.add(self.headers.get("User-Agent", ""))
            if self.headers.get("Cookie"):
                cls.cookies_seen.append(self.headers["Cookie"])
        self._counted = True
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._leave()

    def _leave(self) -> None:
        """Stop counting this request once its answer is about to go out: the client can
        only start its next request after reading it, so the count never overstates."""
        if self._counted:
            self._counted = False
            self.depart()

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        if path == "/manual/staff":
            time.sleep(SLOW_SECONDS)
        elif path.startswith("/pause/"):  # a page that takes a moment, so requests overlap
            time.sleep(0.2)
            path = path.removeprefix("/pause")
        route = self.routes.get(path)
        if route is None:
            self._leave()
            self.send_response(404)
            self.send_header("Content-Type", HTML)
            self.end_headers()
            self.wfile.write(b"<html><body>404</body></html>")
            return
        status, content_type, body, headers = route
        self._leave()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Set-Cookie", "session=tracking; Path=/")
        for name, value in headers.items():
            self.send_header(name, value)
        if path == "/manual/service.pdf":
            # No Content-Length: the cap must hold while streaming.
            self.end_headers()
            chunk = b"%PDF-1.4\n" + b"0" * (64 * 1024 - 9)
            for _ in range(HUGE_BYTES // len(chunk) + 1):
                self.wfile.write(chunk)
            return
        assert isinstance(body, bytes)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(
    routes: dict[str, Route] | None = None,
) -> Iterator[tuple[str, type[_Handler]]]:
    """Serve the site on 127.0.0.1 (a free port) in a thread; yields its base URL and handler."""
    handler = type(
        "SiteHandler",
        (_Handler,),
        {
            "routes": routes if routes is not None else build(),
            "active": 0,
            "peak": 0,
            "served": 0,
            "lock": threading.Lock(),
            "user_agents": set(),
            "cookies_seen": [],
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
