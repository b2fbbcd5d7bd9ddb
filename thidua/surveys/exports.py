from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.exports import DATE, INTEGER, PERCENT, Column, Exporter
from thidua.organizations.scope import scope_label

VERDICTS = {"met": _("met"), "not_met": _("not met"), "no_data": _("no data yet"), None: _("no target")}
ADEQUACY = {True: _("adequate"), False: _("not adequate"), None: ""}


def _number(value):
    """Decimals as spreadsheet numbers (the shared exporter would write them as text)."""
    return None if value is None else float(value)


def _interval(summary, side):
    return _number(summary.interval[side]) if summary.interval else None


def _element_interval(element, side):
    return _number(element["interval"][side]) if element["interval"] else None


def verdict_label(verdict, summary) -> str:
    """The verdict's words; "no data" says why, as the pages do: "chưa đủ phiếu (12, cần 30)"."""
    if verdict == "no_data":
        return summary.data_status_label
    return str(VERDICTS[verdict])


def target_rule(target) -> str:
    """The target's condition and the campaign that sets it, e.g. "> 90% (47/KH-UBND)"."""
    if target is None:
        return ""
    return f"{target.condition} ({target.campaign.number})"


def element_columns(summary_of) -> list[Column]:
    """Each element's index, its 95% interval and the interval's n (respondents; see docs/surveys.md)."""
    from thidua.surveys.selectors import ELEMENTS

    columns = []
    for position, (_code, label) in enumerate(ELEMENTS):

        def element(row, position=position):
            return summary_of(row).elements[position]

        columns += [
            Column(
                _("%(element)s (%%)") % {"element": label},
                lambda row, element=element: _number(element(row)["index"]),
                14,
                number_format=PERCENT,
            ),
            Column(
                _("%(element)s: 95%% CI low") % {"element": label},
                lambda row, element=element: _element_interval(element(row), 0),
                10,
                number_format=PERCENT,
            ),
            Column(
                _("%(element)s: 95%% CI high") % {"element": label},
                lambda row, element=element: _element_interval(element(row), 1),
                10,
                number_format=PERCENT,
            ),
            Column(
                _("%(element)s: n") % {"element": label},
                lambda row, element=element: element(row)["sample_size"],
                8,
                number_format=INTEGER,
            ),
        ]
    return columns


def sample_columns(summary_of) -> list[Column]:
    """Whether the figure rests on enough responses: the minimum for a verdict, and n = N/(1+N·e²)."""
    return [
        Column(_("Responses against the minimum"), lambda row: summary_of(row).data_status_label, 24),
        Column(_("Required sample"), lambda row: summary_of(row).required_sample, 12, number_format=INTEGER),
        Column(_("Sample adequate"), lambda row: ADEQUACY[summary_of(row).adequate], 12),
    ]


class DistrictExporter(Exporter):
    """Every unit against the target for a year."""

    filename = "hai-long-cac-don-vi"
    sheet_title = _("Satisfaction")
    title = _("Citizen satisfaction of the units")

    def __init__(self, rows, year):
        self.rows_data = rows
        self.year = year
        self.filename = f"hai-long-{year}"

        def summary(row):
            return row["summary"]

        self.columns = [
            Column(_("Unit code"), lambda row: row["unit"].code, 20),
            Column(_("Unit"), lambda row: row["unit"].official_name, 40),
            Column(
                _("Responses"), lambda row: row["summary"].responses, 10, number_format=INTEGER, total=True
            ),
            Column(_("Index (%)"), lambda row: _number(row["summary"].index), 10, number_format=PERCENT),
            Column(_("95% CI low"), lambda row: _interval(row["summary"], 0), 10, number_format=PERCENT),
            Column(_("95% CI high"), lambda row: _interval(row["summary"], 1), 10, number_format=PERCENT),
            Column(_("Index rule"), lambda row: row["summary"].rule_label, 30),
            *element_columns(summary),
            *sample_columns(summary),
            Column(_("Target"), lambda row: target_rule(row["target"]), 24),
            Column(_("Against the target"), lambda row: verdict_label(row["verdict"], row["summary"]), 24),
        ]

    def items(self):
        return self.rows_data

    def describe_scope(self):
        return scope_label(self.exported_by, "satisfaction.view")

    def describe_period(self):
        return gettext("Year %(year)s") % {"year": self.year}


class UnitExporter(Exporter):
    """A unit's year month by month, with the element indices, then the year against its target."""

    filename = "hai-long-don-vi"
    sheet_title = _("Satisfaction")
    title = _("Citizen satisfaction of a unit, month by month")

    def __init__(self, unit, year, trend, summary, target):
        from thidua.surveys.selectors import satisfaction_verdict

        self.unit = unit
        self.year = year
        self.filename = f"hai-long-{unit.code}-{year}"
        # The last row is the whole year, judged as the unit page judges it.
        self.trend = [
            *((month.strftime("%m/%Y"), item, satisfaction_verdict(item, target)) for month, item in trend),
            (str(year), summary, satisfaction_verdict(summary, target)),
        ]

        def summary_of(row):
            return row[1]

        self.columns = [
            Column(_("Month"), lambda row: row[0], 10),
            Column(_("Responses"), lambda row: row[1].responses, 10, number_format=INTEGER),
            Column(_("Index (%)"), lambda row: _number(row[1].index), 10, number_format=PERCENT),
            Column(_("95% CI low"), lambda row: _interval(row[1], 0), 10, number_format=PERCENT),
            Column(_("95% CI high"), lambda row: _interval(row[1], 1), 10, number_format=PERCENT),
            Column(_("Index rule"), lambda row: row[1].rule_label, 30),
            *element_columns(summary_of),
            *sample_columns(summary_of),
            Column(_("Target"), lambda row: target_rule(target), 24),
            Column(_("Against the target"), lambda row: verdict_label(row[2], row[1]), 24),
        ]

    def items(self):
        return self.trend

    def describe_scope(self):
        return str(self.unit)

    def describe_period(self):
        return gettext("Year %(year)s") % {"year": self.year}


class CommentsExporter(Exporter):
    """The comments citizens left on a unit's ratings in a year, newest first (for staff; never public).

    Comments are citizens' free text: the shared exporter writes them as text cells in XLSX and neutralises a
    leading "=", "+", "-" or "@" in CSV, so a comment such as ``=HYPERLINK(…)`` stays words.
    """

    filename = "y-kien"
    sheet_title = _("Comments")
    columns = [
        Column(_("Date"), lambda response: response.day, 12, number_format=DATE),
        Column(_("Collection point"), lambda response: response.collection_point.name, 24),
        Column(_("Overall level (1–5)"), lambda response: response.overall_level, 10),
        Column(_("Reasons"), lambda response: "; ".join(response.reasons or []), 40),
        Column(pgettext_lazy("citizen", "Comment"), lambda response: response.comment, 80),
    ]

    title = _("Citizens' comments on a unit's service")

    def __init__(self, unit, year, responses):
        self.unit = unit
        self.year = year
        self.filename = f"y-kien-{unit.code}-{year}"
        self.responses = responses

    def describe_scope(self):
        return str(self.unit)

    def describe_period(self):
        return gettext("Year %(year)s") % {"year": self.year}

    def count(self):
        return self.responses.count()

    def items(self):
        return self.responses.iterator(chunk_size=2000)
