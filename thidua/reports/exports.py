"""The status board of a period and the compiled report's annex of indicators, as XLSX or CSV."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.exports import Column, Exporter


def _status_label(row) -> str:
    if row.report is None:
        return gettext("Not sent")
    return row.report.get_status_display()


def _timeliness_label(row) -> str:
    return {"on_time": gettext("On time"), "late": gettext("Late"), "": gettext("Not sent")}[row.timeliness]


class PeriodExporter(Exporter):
    abstract = True

    def __init__(self, period, rows):
        self.period = period
        self.rows_ = rows

    def items(self):
        return self.rows_

    def describe_scope(self) -> str:
        return str(self.period.campaign.issuing_unit)

    def describe_period(self) -> str:
        return gettext("%(period)s: data from %(start)s to %(end)s, due %(due)s") % {
            "period": self.period.name,
            "start": self.period.window_start.strftime("%d/%m/%Y"),
            "end": self.period.window_end.strftime("%d/%m/%Y"),
            "due": self.period.due_date.strftime("%d/%m/%Y"),
        }


class StatusBoardExporter(PeriodExporter):
    filename = "tinh-hinh-bao-cao"
    sheet_title = _("Report status")
    title = _("Status of the units' periodic reports")
    columns = [
        Column(_("Unit"), lambda row: row.unit.name, 40),
        Column(_("Status"), _status_label, 20),
        Column(_("Timeliness"), _timeliness_label, 14),
        Column(
            _("First submitted at"), lambda row: row.report.first_submitted_at if row.report else None, 18
        ),
        Column(_("Accepted at"), lambda row: row.report.accepted_at if row.report else None, 18),
        Column(_("Comments"), lambda row: row.report.comments.count() if row.report else 0, 12, total=True),
    ]


class CompiledAnnexExporter(PeriodExporter):
    """Every unit's figures for the period's indicators: one column per indicator of the template."""

    filename = "phu-luc-bao-cao-tong-hop"
    sheet_title = _("Indicators")
    title = _("Annex to the compiled report: indicators by unit")

    def __init__(self, period, figures, codes, labels):
        super().__init__(period, figures)
        self.columns = [
            Column(_("Unit"), lambda item: item.row.unit.name, 40),
            Column(_("Timeliness"), lambda item: _timeliness_label(item.row), 14),
            *(Column(labels[code], _value_of(code), 18) for code in codes),
        ]


def _value_of(code: str):
    def value(item):
        for entry in item.indicators:
            if entry["code"] == code:
                return entry["value"] if entry["value"] is None else float(entry["value"])
        return None

    return value
