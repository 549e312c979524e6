"""What is due in pre-proceedings and care proceedings, for each child in them.

- A review meeting, 6 weeks after the initial meeting or the last review (the council's interval: `clocks.py`).
- A proposed step up or step down, awaiting a manager's decision within 5 working days.
- The 26-week target of care proceedings, until the final order.
Each due day was stored when its clock started.
"""

from django.db.models import F
from django.urls import reverse

from hearth.casework import due
from hearth.protection.proceedings.clocks import CARE_PROCEEDINGS_TARGET, PRE_PROCEEDINGS_REVIEW, STEP_DECISION
from hearth.protection.proceedings.models import PreProceedingsChild
from hearth.reference.codes import PreProceedingsOutcome


def _url(row: due.Row) -> str:
    return reverse("proceedings:pre_proceedings", args=[row.child_id, row.fields["case"]])


def _review_rows():
    return due.shape(PreProceedingsChild.objects.filter(pre_proceedings__ended_on__isnull=True,
                                                        pre_proceedings__outcome="",
                                                        pre_proceedings__next_review_due_on__isnull=False),
                     child="child", due_on="pre_proceedings__next_review_due_on", awaits=due.Awaits.WORKER,
                     case="pre_proceedings_id")


def _review_item(row: due.Row) -> due.DueItem:
    return due.DueItem(kind="pre_proceedings_review", label="Pre-proceedings review meeting", child_id=row.child_id,
                       due_on=row.due_on, awaits=row.awaits, title="Hold the pre-proceedings review meeting",
                       url=_url(row))


def _step_rows():
    return due.shape(PreProceedingsChild.objects.filter(pre_proceedings__ended_on__isnull=True,
                                                        pre_proceedings__outcome="",
                                                        pre_proceedings__step_decision_due_on__isnull=False),
                     child="child", due_on="pre_proceedings__step_decision_due_on", awaits=due.Awaits.MANAGER,
                     case="pre_proceedings_id", proposed="pre_proceedings__step_proposed")


def _step_item(row: due.Row) -> due.DueItem:
    proposed = PreProceedingsOutcome(row.fields["proposed"]).label if row.fields.get("proposed") else ""
    return due.DueItem(kind="pre_proceedings_step", label="Pre-proceedings step decision", child_id=row.child_id,
                       due_on=row.due_on, awaits=row.awaits, title="Decide: step up or step down",
                       url=_url(row), detail=f"Proposed: {proposed}" if proposed else "")


def _target_rows():
    return due.shape(PreProceedingsChild.objects.filter(pre_proceedings__care_proceedings__isnull=False,
                                                        pre_proceedings__care_proceedings__final_order_on__isnull=True),
                     child="child", due_on=F("pre_proceedings__care_proceedings__target_on"),
                     awaits=due.Awaits.WORKER, case="pre_proceedings_id")


def _target_item(row: due.Row) -> due.DueItem:
    return due.DueItem(kind="care_proceedings_target", label="Care proceedings: 26-week target",
                       child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                       title="Care proceedings to conclude (26 weeks)", url=_url(row))


due.register("pre_proceedings_review", "Pre-proceedings review meeting", rows=_review_rows, item=_review_item,
             clock=PRE_PROCEEDINGS_REVIEW.code)
due.register("pre_proceedings_step", "Pre-proceedings step decision", rows=_step_rows, item=_step_item,
             clock=STEP_DECISION.code)
due.register("care_proceedings_target", "Care proceedings: 26-week target", rows=_target_rows, item=_target_item,
             clock=CARE_PROCEEDINGS_TARGET.code)
