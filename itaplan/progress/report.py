"""The o28 report of a round, as the documents package's plain data.

:func:`progress_document` is what a DOCX/PDF download of a round renders
(:func:`itaplan.documents.docx.progress_docx`): every measure of the plan as it
stands at the round, with its evidence, and the executive's approval when the
round is approved (blank lines to sign on otherwise).
"""

from __future__ import annotations

from itaplan.documents import model as doc
from itaplan.lib.approval import signer_name
from itaplan.progress import selectors
from itaplan.progress.models import ReportingRound

_STATUS = {
    "not_started": doc.Status.NOT_STARTED,
    "in_progress": doc.Status.IN_PROGRESS,
    "done": doc.Status.DONE,
    "cancelled": doc.Status.CANCELLED,
}


def progress_document(round_: ReportingRound) -> doc.ProgressDocument:
    """The o28 report of ``round_`` as of its end date."""
    plan = round_.plan
    agency = plan.agency
    rows = selectors.measure_rows(plan, plan.measures.all(), round_.end_date, at_round=round_)
    measures = tuple(
        doc.ProgressRow(
            indicator=row.measure.indicator,
            indicator_name=row.indicator_name,
            title=row.measure.title,
            steps=tuple(s.text for s in row.measure.steps.all()),
            units=tuple(u.name for u in row.measure.units.all()),
            # A measure nobody reported on has not been started, as far as the report knows.
            status=_STATUS.get(row.status, doc.Status.NOT_STARTED),
            percent=row.percent,
            done=row.update.done_text if row.update else "",
            evidence=tuple(
                # Files are named only: their address needs a login the public does not have.
                doc.Evidence(e.title or e.original_name)
                if e.kind == e.Kind.FILE
                else doc.Evidence(e.title, e.url)
                for e in row.evidence
            ),
            end=row.measure.end_date,
            reason=row.update.cancel_reason if row.update else "",
            problems=row.update.problems if row.update else "",
            next_step=row.update.next_step if row.update else "",
        )
        for row in rows
    )
    approval = (
        doc.Approval(
            signer_name(round_.approver_name), round_.approver_position or None, round_.approved_at
        )
        if round_.is_locked
        else doc.Approval()
    )
    return doc.ProgressDocument(
        agency=doc.Agency(agency.name, agency.district.name, agency.district.province.name),
        plan_year=plan.fiscal_year,
        round_name=round_.name,
        thai_digits=agency.thai_digits,
        measures=measures,
        as_of=round_.end_date,
        approval=approval,
        preparer=doc.preparer(agency.preparer_name, agency.preparer_position, doc.REPORTER_LABEL),
    )
