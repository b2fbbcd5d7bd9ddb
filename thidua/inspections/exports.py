from django.utils.translation import gettext_lazy as _

from thidua.core.exports import INTEGER, PERCENT, Column, Exporter, describe_filters
from thidua.inspections import scoring
from thidua.organizations.scope import scope_label


def _score_percent(inspection):
    answers = (scoring.Answer(weight=f.item.weight, result=f.result) for f in inspection.findings.all())
    value = scoring.score_answers(answers).percent
    return float(value) if value is not None else ""


class InspectionExporter(Exporter):
    filename = "kiem-tra-van-hoa-cong-so"
    sheet_title = _("Inspections")
    title = _("Inspections of office culture")
    columns = [
        Column(_("Record number"), lambda inspection: inspection.record_number, 14),
        Column(_("Date"), lambda inspection: inspection.inspected_on, 12),
        Column(_("Unit code"), lambda inspection: inspection.unit.code, 20),
        Column(_("Unit"), lambda inspection: inspection.unit.official_name, 40),
        Column(_("Kind"), lambda inspection: inspection.get_kind_display(), 24),
        Column(_("Status"), lambda inspection: inspection.get_status_display(), 14),
        Column(_("Checklist"), lambda inspection: str(inspection.template), 30),
        Column(
            _("Passed"), lambda inspection: _count(inspection, "pass"), 8, number_format=INTEGER, total=True
        ),
        Column(
            _("Failed"), lambda inspection: _count(inspection, "fail"), 8, number_format=INTEGER, total=True
        ),
        Column(
            _("Not applicable"),
            lambda inspection: _count(inspection, "na"),
            8,
            number_format=INTEGER,
            total=True,
        ),
        Column(_("Score (%)"), _score_percent, 10, number_format=PERCENT),
        Column(_("Demo data"), lambda inspection: inspection.is_demo, 8),
    ]

    def __init__(self, queryset, form=None):
        self.queryset = queryset
        self.form = form

    def items(self):
        return self.queryset

    def describe_scope(self):
        return _filtered_scope(self.exported_by, self.form)

    def describe_period(self):
        return describe_filters(self.form, skip=["unit"])


def _filtered_scope(user, form):
    unit = form.cleaned_data.get("unit") if form is not None and form.is_valid() else None
    return scope_label(user, "inspection.view", unit)


def _count(inspection, result: str) -> int:
    return sum(1 for finding in inspection.findings.all() if finding.result == result)


class FindingExporter(Exporter):
    filename = "ket-qua-kiem-tra"
    sheet_title = _("Findings")
    title = _("Findings of office culture inspections")
    columns = [
        Column(_("Inspection"), lambda finding: finding.inspection_id, 10),
        Column(_("Date"), lambda finding: finding.inspection.inspected_on, 12),
        Column(_("Unit"), lambda finding: finding.inspection.unit.official_name, 36),
        Column(_("Kind"), lambda finding: finding.inspection.get_kind_display(), 22),
        Column(_("Group"), lambda finding: finding.item.get_group_display(), 22),
        Column(_("Item"), lambda finding: finding.item.text, 60),
        Column(_("Legal reference"), lambda finding: finding.item.legal_reference, 30),
        Column(_("Weight"), lambda finding: float(finding.item.weight), 8),
        Column(_("Result"), lambda finding: finding.get_result_display(), 14),
        Column(_("Note"), lambda finding: finding.note, 40),
    ]

    def __init__(self, queryset, form=None):
        self.queryset = queryset
        self.form = form

    def items(self):
        return self.queryset.order_by("inspection__inspected_on", "inspection_id", "item__position")

    def describe_scope(self):
        return _filtered_scope(self.exported_by, self.form)

    def describe_period(self):
        return describe_filters(self.form, skip=["unit"])


class RemediationExporter(Exporter):
    filename = "khac-phuc"
    sheet_title = _("Remediations")
    title = _("Remediation of inspection findings")
    columns = [
        Column(_("Unit"), lambda remediation: remediation.unit.official_name, 36),
        Column(_("Item"), lambda remediation: remediation.finding.item.text, 60),
        Column(_("Responsible person"), lambda remediation: remediation.owner, 24),
        Column(_("Due date"), lambda remediation: remediation.due_date, 12),
        Column(_("Status"), lambda remediation: remediation.get_status_display(), 20),
        Column(_("Overdue"), lambda remediation: remediation.is_overdue, 8),
        Column(_("Action taken"), lambda remediation: remediation.action_taken, 40),
    ]

    def __init__(self, queryset, shown=""):
        self.queryset = queryset
        self.shown = shown

    def items(self):
        return self.queryset

    def describe_scope(self):
        return scope_label(self.exported_by, "remediation.view")

    def describe_period(self):
        return {"overdue": _("Overdue remediations only"), "open": _("Remediations not closed")}.get(
            self.shown, ""
        )
