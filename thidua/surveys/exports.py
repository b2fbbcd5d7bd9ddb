from django.utils.translation import gettext_lazy as _

from thidua.core.exports import Column, Exporter

VERDICTS = {"met": _("met"), "not_met": _("not met"), "no_data": _("no data yet"), None: _("no target")}


def _number(value):
    """Decimals as spreadsheet numbers (the shared exporter would write them as text)."""
    return None if value is None else float(value)


def _interval(summary, side):
    return _number(summary.interval[side]) if summary.interval else None


class DistrictExporter(Exporter):
    """Every unit against the target for a year."""

    filename = "hai-long-cac-don-vi"
    sheet_title = _("Satisfaction")
    columns = [
        Column(_("Unit code"), lambda row: row["unit"].code, 20),
        Column(_("Unit"), lambda row: row["unit"].official_name, 40),
        Column(_("Responses"), lambda row: row["summary"].responses, 10),
        Column(_("Index (%)"), lambda row: _number(row["summary"].index), 10),
        Column(_("95% CI low"), lambda row: _interval(row["summary"], 0), 10),
        Column(_("95% CI high"), lambda row: _interval(row["summary"], 1), 10),
        Column(_("Index rule"), lambda row: row["summary"].rule_label, 30),
        Column(_("Target"), lambda row: str(row["target"].condition) if row["target"] else "", 16),
        Column(_("Campaign"), lambda row: row["target"].campaign.number if row["target"] else "", 16),
        Column(_("Against the target"), lambda row: VERDICTS[row["verdict"]], 16),
        Column(_("Required sample"), lambda row: row["summary"].required_sample, 12),
    ]

    def __init__(self, rows, year):
        self.rows_data = rows
        self.filename = f"hai-long-{year}"

    def items(self):
        return self.rows_data


class UnitExporter(Exporter):
    """A unit's year month by month, with the element indices, then the year against its target."""

    filename = "hai-long-don-vi"
    sheet_title = _("Satisfaction")

    def __init__(self, unit, year, trend, summary, target):
        from thidua.surveys.selectors import ELEMENTS, satisfaction_verdict

        self.unit = unit
        self.filename = f"hai-long-{unit.code}-{year}"
        # The last row is the whole year, judged as the unit page judges it.
        self.trend = [
            *((month.strftime("%m/%Y"), item, satisfaction_verdict(item, target)) for month, item in trend),
            (str(year), summary, satisfaction_verdict(summary, target)),
        ]

        self.columns = [
            Column(_("Month"), lambda row: row[0], 10),
            Column(_("Responses"), lambda row: row[1].responses, 10),
            Column(_("Index (%)"), lambda row: _number(row[1].index), 10),
            Column(_("Index rule"), lambda row: row[1].rule_label, 30),
            *[
                Column(label, lambda row, position=position: _number(row[1].elements[position]["index"]), 14)
                for position, (_code, label) in enumerate(ELEMENTS)
            ],
            Column(_("Target"), lambda row: str(target.condition) if target else "", 16),
            Column(_("Against the target"), lambda row: VERDICTS[row[2]], 16),
        ]

    def items(self):
        return self.trend
