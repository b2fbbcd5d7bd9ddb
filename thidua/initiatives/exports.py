from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.exports import INTEGER, Column, Exporter, describe_filters
from thidua.organizations.scope import scope_label


def _number(value):
    return float(value) if value is not None else ""


class ModelRegisterExporter(Exporter):
    """The district's register of reform models (sổ theo dõi mô hình)."""

    filename = "so-mo-hinh-cchc"
    sheet_title = _("Reform models")
    title = _("Register of administrative reform models")
    columns = [
        Column(_("ID"), lambda model: model.pk, 6),
        Column(_("Campaign"), lambda model: model.campaign.number, 14),
        Column(_("Year"), lambda model: model.year, 8),
        Column(_("Unit code"), lambda model: model.unit.code, 20),
        Column(_("Unit"), lambda model: model.unit.official_name, 36),
        Column(pgettext_lazy("reform model", "Title"), lambda model: model.title, 40),
        Column(_("Category"), lambda model: model.get_category_display(), 28),
        Column(_("Status"), lambda model: model.get_status_display(), 18),
        Column(_("Start date"), lambda model: model.started_on, 12),
        Column(_("Minutes saved per dossier"), lambda model: _number(model.minutes_saved_per_dossier), 12),
        Column(
            _("Cost saved per year (VND)"),
            lambda model: _number(model.cost_saved_per_year),
            16,
            number_format=INTEGER,
            total=True,
        ),
        Column(_("Trips avoided per dossier"), lambda model: _number(model.trips_avoided_per_dossier), 12),
        Column(
            _("People or dossiers served per year"),
            lambda model: _number(model.people_served_per_year),
            14,
            number_format=INTEGER,
            total=True,
        ),
        Column(_("Adopted from"), lambda model: model.source.unit.official_name if model.source else "", 30),
        Column(
            _("Adopted by (units)"), lambda model: model.adoption_count, 10, number_format=INTEGER, total=True
        ),
        Column(pgettext_lazy("reform model", "Submitted at"), lambda model: model.submitted_at, 18),
        Column(_("Decided at"), lambda model: model.decided_at, 18),
    ]

    def __init__(self, queryset, form=None):
        self.queryset = queryset
        self.form = form

    def items(self):
        return self.queryset

    def describe_scope(self):
        unit = self.form.cleaned_data.get("unit") if self.form is not None and self.form.is_valid() else None
        return scope_label(self.exported_by, "reform_model.view", unit)

    def describe_period(self):
        return describe_filters(self.form, skip=["unit"])
