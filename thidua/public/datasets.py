"""The open-data datasets (dữ liệu mở): what each publishes, its data dictionary, and its rows.

Every figure comes from the selectors the product's own pages use — campaign progress through the indicator
registry, the survey aggregates, the compliance score, the award decisions — so an open-data file never says
something a page does not. Nothing personal is published: no user, inspector or signer names, no e-mail address,
no client hash, no free-text comment or reason (``tests/test_open_data.py`` checks every file against the demo).
"""

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.awards.selectors import awarded_units, awards_in_force
from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import campaign_progress
from thidua.core.models import AuditEntry
from thidua.core.text import vietnamese_sort_key
from thidua.initiatives.models import ReformModel
from thidua.inspections.selectors import unit_compliance
from thidua.organizations.models import Unit
from thidua.surveys.models import MonthlyTotal, Response
from thidua.surveys.selectors import unit_monthly_summaries

STRING, INTEGER, DECIMAL, DATE, BOOLEAN = "string", "integer", "decimal", "date", "boolean"
# JSON Schema / CSVW names of the column types, stated in the data dictionary.
TYPE_LABELS = {
    STRING: _("plain text"),
    INTEGER: _("whole number"),
    DECIMAL: _("decimal number (point as separator)"),
    DATE: _("date (YYYY-MM-DD)"),
    BOOLEAN: _("true or false"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str | Promise

    def dictionary_entry(self) -> dict:
        """The column in both languages, whatever the request's language."""
        with translation.override("vi"):
            meaning_vi, type_vi = str(self.meaning), str(TYPE_LABELS[self.type])
        with translation.override("en"):
            meaning_en, type_en = str(self.meaning), str(TYPE_LABELS[self.type])
        return {
            "column": self.name,
            "type": self.type,
            "type_vi": type_vi,
            "type_en": type_en,
            "meaning_vi": meaning_vi,
            "meaning_en": meaning_en,
        }


@dataclass(frozen=True)
class Dataset:
    identifier: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    modified: Callable[[], datetime | None]
    temporal: Callable[[], tuple[date | None, date | None]]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def dictionary(self) -> list[dict]:
        return [column.dictionary_entry() for column in self.columns]


# --- helpers ----------------------------------------------------------------------------------------------


def _latest(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _audited(*target_types: str) -> datetime | None:
    """The last audited change of the given models (``app_label.model``; a trailing '.' takes a whole app)."""
    condition = Q()
    for target_type in target_types:
        if target_type.endswith("."):
            condition |= Q(target_type__startswith=target_type)
        else:
            condition |= Q(target_type=target_type)
    return AuditEntry.objects.filter(condition).aggregate(last=Max("created_at"))["last"]


def _published_campaign_years() -> list[tuple[Campaign, int]]:
    """Every campaign's years up to the current one: a future year has nothing to publish yet."""
    this_year = timezone.localdate().year
    return [
        (campaign, year)
        for campaign in Campaign.objects.select_related("issuing_unit").order_by("period_start", "pk")
        for year in campaign.years
        if year <= this_year
    ]


def _campaign_period() -> tuple[date | None, date | None]:
    campaigns = list(Campaign.objects.prefetch_related("extensions"))
    if not campaigns:
        return None, None
    return min(c.period_start for c in campaigns), max(c.effective_end for c in campaigns)


def publisher_name() -> str:
    """``OPEN_DATA_PUBLISHER``, or the authorities that issued the campaigns."""
    if settings.OPEN_DATA_PUBLISHER:
        return settings.OPEN_DATA_PUBLISHER
    names = {
        campaign.issuing_unit.official_name for campaign in Campaign.objects.select_related("issuing_unit")
    }
    return "; ".join(sorted(names, key=vietnamese_sort_key))


# --- units ------------------------------------------------------------------------------------------------


def _unit_rows() -> Iterator[dict]:
    units = Unit.objects.select_related("parent").prefetch_related("successors")
    for unit in units:
        yield {
            "unit_code": unit.code,
            "unit_name": unit.name,
            "official_name": unit.official_name,
            "kind": unit.kind,
            "kind_label": str(unit.get_kind_display()),
            "parent_code": unit.parent.code if unit.parent else "",
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "successor_codes": ";".join(sorted(successor.code for successor in unit.successors.all())),
            "confirmed": unit.is_confirmed,
        }


def _unit_temporal() -> tuple[date | None, date | None]:
    bounds = Unit.objects.aggregate(start=Min("valid_from"), end=Max("valid_to"))
    still_open = Unit.objects.filter(valid_to__isnull=True).exists()
    return bounds["start"], None if still_open else bounds["end"]


UNIT_COLUMNS = (
    Column("unit_code", STRING, _("Code of the unit, stable across renames")),
    Column("unit_name", STRING, _("Proper name of the unit")),
    Column("official_name", STRING, _("Full legal name of the unit")),
    Column("kind", STRING, _("Kind of unit (code)")),
    Column("kind_label", STRING, _("Kind of unit")),
    Column("parent_code", STRING, _("Code of the unit it belongs to")),
    Column("valid_from", DATE, _("First day the unit existed (empty: before the records)")),
    Column("valid_to", DATE, _("Last day the unit existed (empty: it still exists)")),
    Column("successor_codes", STRING, _("Codes of the units that took it over, separated by ';'")),
    Column("confirmed", BOOLEAN, _("Whether the unit's existence is confirmed by an official document")),
)

# --- campaign progress ------------------------------------------------------------------------------------


def _progress_rows() -> Iterator[dict]:
    for campaign, year in _published_campaign_years():
        progress = campaign_progress(campaign, year)
        for row in progress.rows:
            for cell in row.applicable_cells:
                low, high = cell.interval or (None, None)
                yield {
                    "issuer_code": campaign.issuing_unit.code,
                    "campaign_number": campaign.number,
                    "year": year,
                    "unit_code": row.unit.code,
                    "unit_name": row.unit.name,
                    "indicator": cell.target.indicator,
                    "target_label": cell.target.label,
                    "rule": cell.target.condition,
                    "comparison": cell.target.comparison,
                    "threshold": Decimal(format(cell.target.threshold.normalize(), "f")),
                    "value": cell.value,
                    "n": cell.count,
                    "interval_low": low,
                    "interval_high": high,
                    "status": cell.status,
                }


PROGRESS_COLUMNS = (
    Column("issuer_code", STRING, _("Code of the authority that issued the campaign plan")),
    Column("campaign_number", STRING, _("Number of the campaign plan, e.g. 47/KH-UBND")),
    Column("year", INTEGER, _("Campaign year")),
    Column("unit_code", STRING, _("Code of the unit")),
    Column("unit_name", STRING, _("Proper name of the unit")),
    Column("indicator", STRING, _("Indicator the target measures (code)")),
    Column("target_label", STRING, _("Target as the plan words it")),
    Column("rule", STRING, _("Comparison and threshold of the target, e.g. ≥ 90%")),
    Column("comparison", STRING, _("Comparison of the target (gte, gt, lte, lt, eq)")),
    Column("threshold", DECIMAL, _("Threshold of the target")),
    Column("value", DECIMAL, _("The unit's value for the indicator (empty: no data)")),
    Column("n", INTEGER, _("What the value was computed from: responses, inspections or recorded models")),
    Column("interval_low", DECIMAL, _("Lower bound of the confidence interval at 95%, in percent")),
    Column("interval_high", DECIMAL, _("Upper bound of the confidence interval at 95%, in percent")),
    Column("status", STRING, _("Verdict: met, not_met or no_data")),
)

# --- satisfaction per month -------------------------------------------------------------------------------


def _satisfaction_years() -> list[int]:
    return sorted({month.year for month in MonthlyTotal.objects.dates("month", "year")})


def _satisfaction_rows() -> Iterator[dict]:
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for year in _satisfaction_years():
        summaries = unit_monthly_summaries(None, year)
        ordered = sorted(
            summaries.items(), key=lambda item: (vietnamese_sort_key(units[item[0][0]].name), item[0])
        )
        for (unit_id, month), summary in ordered:
            unit = units[unit_id]
            low, high = summary.interval or (None, None)
            yield {
                "unit_code": unit.code,
                "unit_name": unit.name,
                "month": month.strftime("%Y-%m"),
                "responses": summary.responses,
                "index": summary.index,
                "index_rule": summary.rule,
                "interval_low": low,
                "interval_high": high,
                "data_status": summary.data_status,
            }


def _satisfaction_temporal() -> tuple[date | None, date | None]:
    bounds = MonthlyTotal.objects.aggregate(start=Min("month"), end=Max("month"))
    if bounds["end"] is None:
        return None, None
    last = bounds["end"]
    return bounds["start"], last.replace(day=calendar.monthrange(last.year, last.month)[1])


SATISFACTION_COLUMNS = (
    Column("unit_code", STRING, _("Code of the unit")),
    Column("unit_name", STRING, _("Proper name of the unit")),
    Column("month", STRING, _("Month (YYYY-MM)")),
    Column("responses", INTEGER, _("Number of responses (n)")),
    Column("index", DECIMAL, _("Satisfaction index in percent")),
    Column("index_rule", STRING, _("How the index is computed (code of the questionnaire's rule)")),
    Column("interval_low", DECIMAL, _("Lower bound of the confidence interval at 95%, in percent")),
    Column("interval_high", DECIMAL, _("Upper bound of the confidence interval at 95%, in percent")),
    Column("data_status", STRING, _("enough, too_few_responses or no_data")),
)

# --- approved reform models -------------------------------------------------------------------------------


def _model_rows() -> Iterator[dict]:
    models = ReformModel.objects.public().select_related("unit", "campaign", "source__unit")
    models = sorted(models, key=lambda model: (model.year, vietnamese_sort_key(model.unit.name), model.title))
    for model in models:
        yield {
            "model_id": model.pk,
            "title": model.title,
            "unit_code": model.unit.code,
            "unit_name": model.unit.name,
            "campaign_number": model.campaign.number,
            "year": model.year,
            "category": model.category,
            "category_label": str(model.get_category_display()),
            "status": model.status,
            "started_on": model.started_on,
            "decided_on": timezone.localtime(model.decided_at).date() if model.decided_at else None,
            "minutes_saved_per_dossier": model.minutes_saved_per_dossier,
            "cost_saved_per_year": model.cost_saved_per_year,
            "trips_avoided_per_dossier": model.trips_avoided_per_dossier,
            "people_served_per_year": model.people_served_per_year,
            "adopted_from_unit_code": model.source.unit.code if model.source else "",
            "library_url": reverse("library-detail", args=[model.pk]),
        }


def _model_temporal() -> tuple[date | None, date | None]:
    bounds = ReformModel.objects.public().aggregate(start=Min("year"), end=Max("year"))
    if bounds["start"] is None:
        return None, None
    return date(bounds["start"], 1, 1), date(bounds["end"], 12, 31)


MODEL_COLUMNS = (
    Column("model_id", INTEGER, _("Number of the model in the public library")),
    Column("title", STRING, _("Title of the reform model")),
    Column("unit_code", STRING, _("Code of the unit that runs it")),
    Column("unit_name", STRING, _("Proper name of the unit that runs it")),
    Column("campaign_number", STRING, _("Number of the campaign plan")),
    Column("year", INTEGER, _("Campaign year")),
    Column("category", STRING, _("Category (code)")),
    Column("category_label", STRING, _("Category")),
    Column("status", STRING, _("approved or exemplary")),
    Column("started_on", DATE, _("Day the model started")),
    Column("decided_on", DATE, _("Day the district approved it")),
    Column("minutes_saved_per_dossier", DECIMAL, _("Minutes saved per dossier (measured effect)")),
    Column("cost_saved_per_year", DECIMAL, _("Cost saved per year, VND (measured effect)")),
    Column("trips_avoided_per_dossier", DECIMAL, _("Trips avoided per dossier (measured effect)")),
    Column("people_served_per_year", INTEGER, _("People served per year (measured effect)")),
    Column("adopted_from_unit_code", STRING, _("Code of the unit whose model this one adopts")),
    Column("library_url", STRING, _("Address of the model in the public library, on this site")),
)

# --- office-culture compliance ----------------------------------------------------------------------------


def _compliance_rows() -> Iterator[dict]:
    seen: set[tuple[int, int]] = set()
    for campaign, year in _published_campaign_years():
        units = [unit for unit in campaign.participating_units(year) if (unit.pk, year) not in seen]
        results = unit_compliance([unit.pk for unit in units], year)
        for unit in units:
            seen.add((unit.pk, year))
            result = results[unit.pk]
            if result.counted_inspections == 0 and result.self_inspections == 0:
                continue
            yield {
                "year": year,
                "unit_code": unit.code,
                "unit_name": unit.name,
                "compliance_percent": result.percent,
                "inspections": result.counted_inspections,
                "self_inspection_percent": result.self_percent,
                "self_inspections": result.self_inspections,
                "open_remediations": result.open_remediations,
                "overdue_remediations": result.overdue_remediations,
            }


COMPLIANCE_COLUMNS = (
    Column("year", INTEGER, _("Year")),
    Column("unit_code", STRING, _("Code of the unit")),
    Column("unit_name", STRING, _("Proper name of the unit")),
    Column("compliance_percent", DECIMAL, _("Compliance score of the district's inspections, in percent")),
    Column("inspections", INTEGER, _("Inspections by the district counted in the score (n)")),
    Column("self_inspection_percent", DECIMAL, _("Score of the unit's own inspections, in percent")),
    Column("self_inspections", INTEGER, _("The unit's own inspections")),
    Column("open_remediations", INTEGER, _("Remediations not yet closed")),
    Column("overdue_remediations", INTEGER, _("Remediations past their deadline")),
)

# --- awards -----------------------------------------------------------------------------------------------


def _award_rows() -> Iterator[dict]:
    for item in awards_in_force():
        decision = item.decision
        yield {
            "year": decision.round.year,
            "unit_code": item.unit.code,
            "unit_name": item.effective_name,
            "award_code": decision.round.award_type.code,
            "award": decision.round.award_type.label,
            "campaign_number": decision.round.campaign.number,
            "decision_number": decision.number,
            "decision_date": decision.issued_on,
            "register_number": item.register_number,
            "score": item.entry.score,
            "decision_url": reverse(
                "awards-decision-document", kwargs={"decision_id": decision.pk, "file_format": "pdf"}
            ),
        }


def _award_temporal() -> tuple[date | None, date | None]:
    bounds = awarded_units().aggregate(start=Min("decision__round__year"), end=Max("decision__round__year"))
    if bounds["start"] is None:
        return None, None
    return date(bounds["start"], 1, 1), date(bounds["end"], 12, 31)


AWARD_COLUMNS = (
    Column("year", INTEGER, _("Year the award is for")),
    Column("unit_code", STRING, _("Code of the unit")),
    Column("unit_name", STRING, _("Name of the unit when it was awarded")),
    Column("award_code", STRING, _("Form of award (code)")),
    Column("award", STRING, _("Form of award")),
    Column("campaign_number", STRING, _("Number of the campaign plan")),
    Column("decision_number", STRING, _("Number of the decision")),
    Column("decision_date", DATE, _("Date of the decision")),
    Column("register_number", INTEGER, _("Number in the award register")),
    Column("score", DECIMAL, _("Evaluation score")),
    Column("decision_url", STRING, _("Address of the decision with its annex (PDF), on this site")),
)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "don-vi",
        _("Units"),
        _(
            "Every unit of government with its kind, parent, validity dates and successor units after mergers."
        ),
        UNIT_COLUMNS,
        _unit_rows,
        lambda: _audited("organizations.unit"),
        _unit_temporal,
    ),
    Dataset(
        "tien-do-thi-dua",
        _("Campaign progress per unit and year"),
        _(
            "Each participating unit against each target of each campaign year: the rule, the value, what it "
            "was computed from (n), its confidence interval and the verdict."
        ),
        PROGRESS_COLUMNS,
        _progress_rows,
        lambda: _latest(
            _audited("campaigns.", "organizations.unit", "initiatives.", "inspections."),
            Response.objects.aggregate(last=Max("submitted_at"))["last"],
        ),
        _campaign_period,
    ),
    Dataset(
        "hai-long-theo-thang",
        _("Citizen satisfaction per unit and month"),
        _(
            "Each unit's satisfaction index per month with the number of responses and the confidence interval "
            "at 95%. Only counts are published: no single response, comment or device."
        ),
        SATISFACTION_COLUMNS,
        _satisfaction_rows,
        lambda: Response.objects.aggregate(last=Max("submitted_at"))["last"],
        _satisfaction_temporal,
    ),
    Dataset(
        "mo-hinh-cai-cach",
        _("Approved reform models"),
        _("The reform models the district approved or recognised as exemplary, with their measured effect."),
        MODEL_COLUMNS,
        _model_rows,
        lambda: _latest(
            _audited("initiatives.reformmodel"),
            ReformModel.objects.public().aggregate(last=Max("updated_at"))["last"],
        ),
        _model_temporal,
    ),
    Dataset(
        "van-hoa-cong-so",
        _("Office-culture compliance per unit and year"),
        _("Each unit's office-culture compliance score per year, with its inspections and remediations."),
        COMPLIANCE_COLUMNS,
        _compliance_rows,
        lambda: _audited("inspections."),
        _campaign_period,
    ),
    Dataset(
        "khen-thuong",
        _("Awards"),
        _("The units awarded in the issued decisions, with the decision's number and date."),
        AWARD_COLUMNS,
        _award_rows,
        lambda: _latest(
            _audited("awards."), awarded_units().aggregate(last=Max("decision__created_at"))["last"]
        ),
        _award_temporal,
    ),
)
DATASETS_BY_IDENTIFIER = {dataset.identifier: dataset for dataset in DATASETS}
