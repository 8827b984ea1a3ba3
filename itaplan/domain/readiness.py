"""OIT readiness: is each published item likely to pass the NACC's check, and what it means.

Plain Python, no Django and no network. The checker (``itaplan.readiness``) fetches each
item's URLs and hands what it saw here as :class:`PageEvidence`; :func:`judge` applies the
year's content rules (``oit_rules/fy<year>.yaml``, data with provenance like the criteria)
and returns a :class:`Verdict`: ready, at risk (Thai reasons and what to fix) or missing.
:func:`predict` turns the verdicts into the OIT sub-indicators, indicators 9 and 10, OIT
and the total "if assessed now" through the scoring engine, with the points at stake per
item (the same score impact as the analysis).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from itaplan.domain.criteria import (
    CriteriaError,
    Framework,
    Provenance,
    SourcedRecord,
    read_yaml,
    validate_year_file,
)
from itaplan.domain.scoring import Assessment, Impact, assess, score_impact
from itaplan.domain.thai import to_arabic_digits, to_thai_digits

RULES_DIR = Path(__file__).with_name("oit_rules")

#: Score an OIT item gets when it passes; OIT items are all or nothing.
FULL_MARKS = 100.0
#: Buddhist-era years as agencies print them, in Arabic or Thai digits.
_BE_YEAR = re.compile(r"(?<!\d)(2[45]\d\d)(?!\d)")


class RulesError(ValueError):
    """A content-rules file is missing, malformed or names an item its year does not have."""


class Placeholder(SourcedRecord):
    """Wording that shows a page is not filled in yet (``อยู่ระหว่างปรับปรุง``)."""

    text: str = Field(min_length=3)


class ItemRule(SourcedRecord):
    """What the page (or a document it links to) of one OIT item must show."""

    code: str
    #: Every entry must appear; ``"a|b"`` accepts either spelling.
    words: tuple[str, ...] = ()
    #: Year to show, as an offset from the plan year (0 this year, -1 the year before).
    year: int | None = Field(default=None, ge=-5, le=1)

    def alternatives(self) -> list[list[str]]:
        return [[w.strip() for w in entry.split("|") if w.strip()] for entry in self.words]


class RulesFile(BaseModel):
    """One year's content rules as written in YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fiscal_year: int = Field(ge=2500, le=2700)
    summary: str
    unknowns: tuple[str, ...] = ()
    min_text_chars: int = Field(ge=0)
    min_text_chars_source: str
    #: Last day to submit the OIT answers; checks turn daily in the month before it.
    submission_deadline: dt.date | None = None
    submission_deadline_source: str
    placeholders: tuple[Placeholder, ...] = ()
    items: tuple[ItemRule, ...]

    @model_validator(mode="after")
    def _unique(self) -> RulesFile:
        codes = [r.code for r in self.items]
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(f"items: code {repeated} appears more than once")
        Provenance.parse(self.min_text_chars_source)
        Provenance.parse(self.submission_deadline_source)
        return self


@dataclass(frozen=True)
class Rules:
    """A year's content rules, checked against that year's criteria."""

    data: RulesFile
    framework: Framework

    @property
    def fiscal_year(self) -> int:
        return self.data.fiscal_year

    def rule(self, code: str) -> ItemRule:
        """The rule of an OIT item; an item without one is only checked for reachability."""
        for rule in self.data.items:
            if rule.code == code:
                return rule
        return ItemRule(code=code, source="unknown: no content rule written for this item")

    def oit_items(self) -> list[str]:
        """The year's OIT item codes, in the criteria's order."""
        return [i.code for i in self.framework.items if _is_oit(self.framework, i.code)]


def _is_oit(framework: Framework, code: str) -> bool:
    return framework.indicator(framework.item(code).indicator).tool == "OIT"


def load_rules_file(path: Path, framework: Framework) -> Rules:
    """Load one rules file; raise :class:`RulesError` naming the file and the field."""
    try:
        raw = read_yaml(path, RulesError)
    except CriteriaError as exc:  # pragma: no cover - read_yaml raises the class it is given
        raise RulesError(str(exc)) from exc
    data = validate_year_file(RulesFile, raw, path, RulesError)
    if data.fiscal_year != framework.fiscal_year:
        raise RulesError(
            f"{path.name}: rules of FY{data.fiscal_year} against FY{framework.fiscal_year}"
        )
    for rule in data.items:
        if not framework.has_item(rule.code) or not _is_oit(framework, rule.code):
            raise RulesError(
                f"{path.name}: items[{rule.code}]: not an OIT item of FY{framework.fiscal_year}"
            )
    return Rules(data=data, framework=framework)


@functools.cache
def load_rules(fiscal_year: int, directory: Path = RULES_DIR) -> Rules:
    """The content rules of a year (its own file, or the nearest earlier year's file with the
    codes carried through the criteria's previous-year mapping, marked assumed)."""
    from itaplan.domain import criteria

    framework = criteria.load(fiscal_year)
    path = directory / f"fy{fiscal_year}.yaml"
    if path.exists():
        return load_rules_file(path, framework)
    mapping = framework.data.previous_year
    try:
        earlier = load_rules(mapping.fiscal_year, directory)
    except CriteriaError as exc:
        raise RulesError(f"ไม่มีกฎตรวจเนื้อหา OIT ของปีงบประมาณ {fiscal_year}") from exc
    by_old = {old: new for new, old in mapping.codes.items()}
    carried = tuple(
        rule.model_copy(
            update={
                "code": by_old[rule.code],
                # "previous year" stays relative to the plan year, so offsets carry as they are.
                "source": f"assumed: carried from FY{mapping.fiscal_year} rule {rule.code} "
                f"through the item-code mapping ({rule.source})",
            }
        )
        for rule in earlier.data.items
        if rule.code in by_old and _is_oit(framework, by_old[rule.code])
    )
    data = earlier.data.model_copy(update={"fiscal_year": fiscal_year, "items": carried})
    return Rules(data=data, framework=framework)


# --- what the checker saw ------------------------------------------------------------


class Failure(enum.StrEnum):
    """Why a URL gave nothing to read."""

    NOT_FOUND = "not_found"  # HTTP 4xx
    SERVER_ERROR = "server_error"  # HTTP 5xx
    TIMEOUT = "timeout"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TOO_LARGE = "too_large"
    REFUSED_ADDRESS = "refused_address"  # private/loopback/link-local (SSRF guard)
    CONNECTION = "connection"
    TLS = "tls"
    BAD_URL = "bad_url"
    UNREADABLE = "unreadable"  # a document that cannot be opened


@dataclass(frozen=True)
class LinkedDocument:
    """A document (PDF, DOCX, XLSX) the page links to, as fetched."""

    url: str
    status: int | None
    failure: Failure | None
    text: str = ""
    scanned: bool = False


@dataclass(frozen=True)
class PageEvidence:
    """What fetching one URL gave: the response and the readable text."""

    url: str
    status: int | None = None
    final_url: str = ""
    content_type: str = ""
    size: int = 0
    failure: Failure | None = None
    detail: str = ""
    text: str = ""
    #: A PDF whose pages carry no text layer (a scan).
    scanned: bool = False
    tls_valid: bool | None = None
    documents: tuple[LinkedDocument, ...] = ()

    @property
    def reachable(self) -> bool:
        return self.failure is None

    def all_text(self) -> str:
        return "\n".join([self.text, *(d.text for d in self.documents if d.failure is None)])


# --- the verdict -----------------------------------------------------------------------


class State(enum.StrEnum):
    READY = "ready"
    AT_RISK = "at_risk"
    MISSING = "missing"


STATE_LABELS = {State.READY: "พร้อม", State.AT_RISK: "เสี่ยง", State.MISSING: "ขาด"}


@dataclass(frozen=True)
class Problem:
    """A reason an item may fail, and what the agency can do about it (both in Thai)."""

    reason: str
    fix: str


@dataclass(frozen=True)
class Verdict:
    code: str
    state: State
    problems: tuple[Problem, ...] = ()

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def _be(year: int) -> str:
    return f"พ.ศ. {to_thai_digits(str(year))}"


def _failure_problem(evidence: PageEvidence, *, limit_mb: float, timeout_s: float) -> Problem:
    url = evidence.url
    match evidence.failure:
        case Failure.NOT_FOUND:
            return Problem(
                f"เปิด {url} ไม่ได้ เว็บไซต์ตอบกลับรหัส {evidence.status} (ไม่พบหน้า)",
                "ตรวจว่า URL ถูกต้อง หรือเผยแพร่หน้านี้ใหม่แล้วบันทึก URL ที่เปิดได้",
            )
        case Failure.SERVER_ERROR:
            return Problem(
                f"เว็บไซต์ตอบกลับรหัส {evidence.status} (เครื่องแม่ข่ายขัดข้อง) เมื่อเปิด {url}",
                "แจ้งผู้ดูแลเว็บไซต์ให้แก้ไขเครื่องแม่ข่าย แล้วตรวจอีกครั้ง",
            )
        case Failure.TIMEOUT:
            return Problem(
                f"{url} ไม่ตอบกลับภายใน {timeout_s:g} วินาที",
                "แจ้งผู้ดูแลเว็บไซต์ให้ตรวจความเร็วของเว็บไซต์ หรือย้ายเอกสารไปไว้ที่ที่เปิดได้เร็ว",
            )
        case Failure.REDIRECT_LOOP | Failure.TOO_MANY_REDIRECTS:
            return Problem(
                f"{url} ส่งต่อ (redirect) วนซ้ำหรือหลายทอดเกินไป เปิดไม่ถึงเนื้อหา",
                "แก้การตั้งค่าส่งต่อของเว็บไซต์ หรือบันทึก URL ปลายทางที่เปิดได้โดยตรง",
            )
        case Failure.TOO_LARGE:
            return Problem(
                f"ไฟล์ที่ {url} ใหญ่เกิน {limit_mb:g} MB ตรวจเนื้อหาไม่ได้ และผู้ประเมินอาจเปิดไม่สำเร็จ",
                "ลดขนาดไฟล์ (เช่น บีบอัด PDF) หรือแบ่งเป็นหลายไฟล์",
            )
        case Failure.REFUSED_ADDRESS:
            return Problem(
                f"{url} ชี้ไปยังที่อยู่ภายในเครือข่าย (private/loopback) ซึ่งบุคคลภายนอกเปิดไม่ได้",
                "เผยแพร่ข้อมูลบนเว็บไซต์ที่ประชาชนทั่วไปเข้าถึงได้",
            )
        case Failure.TLS:
            return Problem(
                f"ใบรับรองความปลอดภัย (TLS) ของ {url} ไม่ถูกต้อง เบราว์เซอร์จะเตือนหรือไม่เปิดให้",
                "ต่ออายุหรือติดตั้งใบรับรอง TLS ของเว็บไซต์ให้ถูกต้อง",
            )
        case Failure.BAD_URL:
            return Problem(
                f"URL {url} ไม่ถูกต้อง ({evidence.detail})",
                "ตรวจการพิมพ์ URL ให้ขึ้นต้นด้วย https:// หรือ http://",
            )
        case Failure.UNREADABLE:
            return Problem(
                f"เปิดเอกสารที่ {url} ไม่ได้ ไฟล์อาจเสียหายหรือมีรหัสผ่าน",
                "บันทึกไฟล์ใหม่โดยไม่ใส่รหัสผ่าน แล้วเผยแพร่แทนไฟล์เดิม",
            )
        case _:
            return Problem(
                f"เชื่อมต่อ {url} ไม่ได้ ({evidence.detail or 'ไม่ทราบสาเหตุ'})",
                "ตรวจว่าเว็บไซต์เปิดได้จากภายนอกหน่วยงาน",
            )


def years_in(text: str) -> set[int]:
    """Buddhist-era years (24xx–25xx) printed in a text, in Thai or Arabic digits."""
    return {int(y) for y in _BE_YEAR.findall(to_arabic_digits(text))}


def _normalised(text: str) -> str:
    return " ".join(to_arabic_digits(text).lower().split())


def judge(
    rules: Rules,
    code: str,
    evidence: Sequence[PageEvidence],
    *,
    limit_mb: float = 20,
    timeout_s: float = 30,
) -> Verdict:
    """The state of one item from what its URLs gave, with every problem found.

    Missing: no URL, or no URL could be read. At risk: something could be read but a
    rule is not met (year, words, empty or placeholder page, scan, dead document link,
    bad TLS, one of several URLs broken, a file too large to read). Ready otherwise.
    """
    if not evidence:
        return Verdict(
            code,
            State.MISSING,
            (
                Problem(
                    f"ยังไม่ได้บันทึก URL ของประเด็น {code}",
                    "บันทึก URL ของหน้าเว็บหรือเอกสารที่จะส่งให้ ป.ป.ช. แล้วสั่งตรวจ",
                ),
            ),
        )
    problems: list[Problem] = []
    readable = [e for e in evidence if e.reachable]
    too_large = [e for e in evidence if e.failure is Failure.TOO_LARGE]
    for e in evidence:
        if not e.reachable:
            problems.append(_failure_problem(e, limit_mb=limit_mb, timeout_s=timeout_s))
    if not readable and not too_large:
        return Verdict(code, State.MISSING, tuple(problems))
    if not readable:
        return Verdict(code, State.AT_RISK, tuple(problems))
    rule = rules.rule(code)
    data = rules.data
    for e in readable:
        if e.tls_valid is False:
            problems.append(
                _failure_problem(
                    PageEvidence(url=e.url, failure=Failure.TLS),
                    limit_mb=limit_mb,
                    timeout_s=timeout_s,
                )
            )
        if e.scanned:
            problems.append(
                Problem(
                    f"ไฟล์ PDF ที่ {e.url} เป็นภาพสแกน ไม่มีชั้นข้อความ ตรวจปีและเนื้อหาไม่ได้",
                    "เผยแพร่ไฟล์ PDF ที่สร้างจากเอกสารต้นฉบับ (ค้นหาข้อความได้) แทนภาพสแกน",
                )
            )
        for doc in e.documents:
            if doc.failure is not None:
                status = f" (รหัส {doc.status})" if doc.status else ""
                problems.append(
                    Problem(
                        f"ลิงก์เอกสาร {doc.url} ในหน้า {e.url} เปิดไม่ได้{status}",
                        "อัปโหลดเอกสารใหม่และแก้ลิงก์ในหน้าเว็บให้ชี้ไปยังไฟล์ที่เปิดได้",
                    )
                )
            elif doc.scanned:
                problems.append(
                    Problem(
                        f"เอกสาร {doc.url} เป็นภาพสแกน ไม่มีชั้นข้อความ ตรวจปีและเนื้อหาไม่ได้",
                        "เผยแพร่ไฟล์ PDF ที่สร้างจากเอกสารต้นฉบับ (ค้นหาข้อความได้) แทนภาพสแกน",
                    )
                )
    text = "\n".join(e.all_text() for e in readable)
    plain = _normalised(text)
    placeholder = next((p.text for p in data.placeholders if p.text.lower() in plain), None)
    scanned_only = all(e.scanned for e in readable) and not plain
    if placeholder is not None:
        problems.append(
            Problem(
                f"หน้าเว็บยังเป็นหน้าชั่วคราว (พบข้อความ “{placeholder}”)",
                "นำข้อมูลจริงของประเด็นนี้ขึ้นเผยแพร่แทนข้อความชั่วคราว",
            )
        )
    elif len(plain) < data.min_text_chars and not scanned_only:
        problems.append(
            Problem(
                f"หน้าเว็บแทบไม่มีเนื้อหา (มีข้อความ {to_thai_digits(str(len(plain)))} ตัวอักษร)",
                "เผยแพร่เนื้อหาหรือเอกสารของประเด็นนี้ให้ครบถ้วนบนหน้าที่บันทึกไว้",
            )
        )
    if not scanned_only:
        missing_words = [
            " หรือ ".join(f"“{w}”" for w in group)
            for group in rule.alternatives()
            if not any(_normalised(w) in plain for w in group)
        ]
        if missing_words:
            problems.append(
                Problem(
                    f"ไม่พบคำว่า {', '.join(missing_words)} ซึ่งประเด็น {code} ต้องแสดง",
                    "ตรวจว่าหน้าเว็บหรือเอกสารเป็นเรื่องของประเด็นนี้ และมีหัวข้อตามชื่อประเด็น",
                )
            )
        if rule.year is not None:
            wanted = rules.fiscal_year + rule.year
            found = years_in(text)
            if wanted not in found:
                shown = ", ".join(_be(y) for y in sorted(found, reverse=True)[:3])
                seen = f" (พบเพียง {shown})" if shown else ""
                problems.append(
                    Problem(
                        f"ไม่พบปี {_be(wanted)} ซึ่งประเด็น {code} ต้องเป็นข้อมูลของปีนั้น{seen}",
                        f"เผยแพร่ข้อมูลของปี {_be(wanted)} และระบุปีไว้ในหน้าเว็บหรือเอกสาร",
                    )
                )
    return Verdict(code, State.AT_RISK if problems else State.READY, tuple(problems))


# --- what it means for the score --------------------------------------------------------


@dataclass(frozen=True)
class ItemOutlook:
    """One OIT item in the prediction: its state and the points of the total it carries."""

    code: str
    text: str
    sub_indicator: str | None
    state: State
    #: Points of the total the item adds at 100 rather than 0 (its score impact at 0).
    points_at_stake: float | None


@dataclass(frozen=True)
class Prediction:
    """The score "if assessed now": ready items pass, at-risk and missing items fail."""

    assessment: Assessment
    #: The same with at-risk items passing: what fixing the at-risk items would give.
    if_fixed: Assessment
    items: tuple[ItemOutlook, ...]
    sub_indicators: Mapping[str, float] = field(default_factory=dict)

    @property
    def oit(self) -> float | None:
        return self.assessment.tools.get("OIT")

    @property
    def total(self) -> float | None:
        return self.assessment.total

    def count(self, state: State) -> int:
        return sum(1 for i in self.items if i.state is state)

    @property
    def points_lost(self) -> float:
        """Points of the total carried by the items that are not ready."""
        return sum(i.points_at_stake or 0.0 for i in self.items if i.state is not State.READY)


def _item_scores(
    codes: Iterable[str], states: Mapping[str, State], passing: set[State]
) -> dict[str, float]:
    return {c: FULL_MARKS if states.get(c, State.MISSING) in passing else 0.0 for c in codes}


def sub_indicator_scores(framework: Framework, items: Mapping[str, float]) -> dict[str, float]:
    """OIT sub-indicator → mean of its item scores, for the sub-indicators fully scored."""
    scores: dict[str, float] = {}
    for sub in framework.data.sub_indicators:
        members = framework.items_of_sub_indicator(sub.code)
        if members and all(m.code in items for m in members):
            scores[sub.code] = sum(items[m.code] for m in members) / len(members)
    return scores


def predict(
    rules: Rules,
    states: Mapping[str, State],
    other_indicators: Mapping[int, float] | None = None,
) -> Prediction:
    """Score the OIT items from their states (ready = 100, otherwise 0) through the engine.

    ``other_indicators`` are the IIT and EIT indicator scores to assume (the agency's
    latest result); without them OIT is predicted and the total is ``None``.
    """
    fw = rules.framework
    codes = rules.oit_items()
    oit_numbers = {i.number for i in fw.indicators if i.tool == "OIT"}
    others = {
        n: v
        for n, v in (other_indicators or {}).items()
        if n not in oit_numbers and fw.has_indicator(n)
    }
    now_items = _item_scores(codes, states, {State.READY})
    fixed_items = _item_scores(codes, states, {State.READY, State.AT_RISK})
    now = assess(fw, others, now_items)
    fixed = assess(fw, others, fixed_items)
    zero = assess(fw, others, dict.fromkeys(codes, 0.0))
    stake: dict[str, Impact] = {i.target: i for i in score_impact(zero) if i.target in now_items}
    outlook = tuple(
        ItemOutlook(
            code=c,
            text=fw.item(c).text,
            sub_indicator=fw.item(c).sub_indicator,
            state=states.get(c, State.MISSING),
            points_at_stake=stake[c].points if c in stake else None,
        )
        for c in codes
    )
    return Prediction(
        assessment=now,
        if_fixed=fixed,
        items=outlook,
        sub_indicators=sub_indicator_scores(fw, now_items),
    )
