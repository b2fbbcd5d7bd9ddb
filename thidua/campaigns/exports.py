from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.progress import Progress
from thidua.core.exports import DECIMAL, INTEGER, PERCENT, Column, Exporter
from thidua.organizations.scope import scope_label

STATUS_LABELS = {
    "met": _("met"),
    "not_met": _("not met"),
    "no_data": _("no data yet"),
    "not_applicable": _("not applicable"),
}


class RegistrationExporter(Exporter):
    filename = "dang-ky-thi-dua"
    sheet_title = _("Registrations")
    title = _("Emulation registrations")
    columns = [
        Column(_("Campaign"), lambda reg: reg.campaign.number, 14),
        Column(_("Year"), lambda reg: reg.year, 8),
        Column(_("Unit code"), lambda reg: reg.unit.code, 20),
        Column(_("Unit"), lambda reg: reg.unit.official_name, 40),
        Column(_("Status"), lambda reg: reg.get_status_display(), 14),
        Column(_("Commitment"), lambda reg: reg.commitment, 60),
        Column(_("Submitted by"), lambda reg: reg.submitted_by or "", 20),
        Column(_("Submitted at"), lambda reg: reg.submitted_at, 18),
        Column(_("Confirmed by"), lambda reg: reg.confirmed_by or "", 20),
        Column(_("Confirmed at"), lambda reg: reg.confirmed_at, 18),
    ]

    def __init__(self, queryset, campaign=None, year=None):
        self.queryset = queryset
        self.campaign = campaign
        self.year = year

    def items(self):
        return self.queryset

    def describe_scope(self):
        return scope_label(self.exported_by, "registration.view")

    def describe_period(self):
        if self.campaign is None:
            return ""
        if self.year is None:
            return gettext("Campaign %(number)s, every year") % {"number": self.campaign.number}
        return gettext("Campaign %(number)s, year %(year)s") % {
            "number": self.campaign.number,
            "year": self.year,
        }


class ProgressExporter(Exporter):
    """One row per unit, two columns (status, value) per target."""

    filename = "tien-do"
    sheet_title = _("Progress")
    title = _("Progress of the emulation campaign")

    def __init__(self, progress: Progress):
        self.progress = progress
        self.columns = [
            Column(_("Unit code"), lambda row: row.unit.code, 20),
            Column(_("Unit"), lambda row: row.unit.official_name, 40),
            Column(
                _("Registration"),
                lambda row: row.registration.get_status_display() if row.registration else "",
                14,
            ),
        ]
        for index, target in enumerate(progress.targets):
            self.columns.append(Column(target.label, self._status(index), 20))
            self.columns.append(Column(_("Value"), self._value(index), 10))

    @staticmethod
    def _status(index):
        return lambda row: STATUS_LABELS[row.cells[index].status]

    @staticmethod
    def _value(index):
        return lambda row: float(row.cells[index].value) if row.cells[index].value is not None else ""

    def items(self):
        return self.progress.rows

    def describe_scope(self):
        campaign = self.progress.campaign
        return gettext("the units taking part in campaign %(number)s of %(issuer)s") % {
            "number": campaign.number,
            "issuer": campaign.issuing_unit,
        }

    def describe_period(self):
        return gettext("Campaign %(number)s, year %(year)s") % {
            "number": self.progress.campaign.number,
            "year": self.progress.year,
        }


class DashboardChartExporter(Exporter):
    """The table behind a dashboard chart, as its JSON feed gives it (``campaigns.dashboard``)."""

    abstract = True
    filename = "bang-so-lieu"
    sheet_title = _("Dashboard")
    FORMATS = {"integer": INTEGER, "number": DECIMAL}
    WIDTHS = {"unit": 40, "detail": 40, "label": 40, "decision": 24, "award": 30}

    def __init__(self, chart: dict, *, scope: str, period: str):
        self.chart = chart
        self.scope = scope
        self.period = period
        self.columns = [self._column(column) for column in chart["columns"]]

    def _column(self, column: dict) -> Column:
        key, kind = column["key"], column["type"]
        number_format = self.FORMATS.get(kind)
        if kind == "number" and "(%)" in column["label"]:
            number_format = PERCENT
        if kind == "date":
            return Column(column["label"], lambda row: date.fromisoformat(row[key]) if row[key] else "", 12)
        return Column(
            column["label"],
            lambda row: "" if row.get(key) is None else row[key],
            self.WIDTHS.get(key, 14),
            number_format=number_format,
            total=kind == "integer" and key == "count",
        )

    def items(self):
        return self.chart["rows"]

    def describe_scope(self):
        return self.scope

    def describe_period(self):
        return f"{self.chart['title']} · {self.period}" if self.period else str(self.chart["title"])


class DashboardCoverageExporter(DashboardChartExporter):
    filename = "do-phu-mo-hinh"
    title = _("Coverage of reform models by unit")


class DashboardTargetExporter(DashboardChartExporter):
    filename = "ket-qua-theo-chi-tieu"
    title = _("Units against the campaign target")


class DashboardMonthlyExporter(DashboardChartExporter):
    filename = "chi-so-theo-thang"
    title = _("Indicator month by month")


class DashboardOverdueExporter(DashboardChartExporter):
    filename = "viec-qua-han"
    title = _("Overdue work by unit")


class DashboardAwardsExporter(DashboardChartExporter):
    filename = "khen-thuong-trong-nam"
    title = _("Units awarded in the year")


class UnitIndicatorsExporter(DashboardChartExporter):
    filename = "chi-tieu-cua-don-vi"
    title = _("The unit against each target")


DASHBOARD_EXPORTERS = {
    "coverage": DashboardCoverageExporter,
    "units": DashboardTargetExporter,
    "monthly": DashboardMonthlyExporter,
    "overdue": DashboardOverdueExporter,
    "awards": DashboardAwardsExporter,
    "indicators": UnitIndicatorsExporter,
}
