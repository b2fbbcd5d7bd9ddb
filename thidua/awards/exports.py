"""The award register extract (sổ vàng) and the cash payout list of a decision, as XLSX or CSV."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.money import amount_in_words
from thidua.core.exports import Column, Exporter


class DecisionExporter(Exporter):
    """A table of one decision's awarded units; the title block names the authority and the decision."""

    abstract = True  # a shared base: the register extract and the payout list are the downloads

    def __init__(self, awards, decision):
        self.awards = awards
        self.decision = decision

    def items(self):
        return self.awards

    def describe_scope(self) -> str:
        return str(self.decision.round.authority)

    def describe_period(self) -> str:
        return str(
            gettext("Decision %(number)s of %(day)s")
            % {"number": self.decision.number, "day": self.decision.issued_on.strftime("%d/%m/%Y")}
        )


class AwardRegisterExporter(DecisionExporter):
    filename = "so-vang"
    sheet_title = _("Award register")
    title = _("Award register extract")
    columns = [
        Column(_("Register year"), lambda award: award.register_year, 10),
        Column(_("Award register number"), lambda award: award.register_number, 12),
        Column(_("Unit"), lambda award: award.unit_name, 40),
        Column(_("Award"), lambda award: award.decision.round.award_type.label, 40),
        Column(_("Achievement"), lambda award: award.achievement, 50),
        Column(_("Decision"), lambda award: award.decision.number, 16),
        Column(_("Issue date"), lambda award: award.decision.issued_on, 12),
        Column(_("Signer"), lambda award: award.decision.signer.get_full_name(), 24),
    ]


class PayoutExporter(DecisionExporter):
    filename = "chi-tien-thuong"
    sheet_title = _("Cash payout")
    title = _("Cash payout list")
    columns = [
        Column(_("Unit"), lambda award: award.unit_name, 40),
        Column(_("Decision"), lambda award: award.decision.number, 16),
        Column(_("Amount (VND)"), lambda award: award.decision.cash_amount, 14),
        Column(_("Amount in words"), lambda award: amount_in_words(award.decision.cash_amount), 50),
        Column(_("Signature of the recipient"), lambda award: "", 24),
    ]


class AppraisalExporter(Exporter):
    """The standing office's appraisal sheet of a round (phiếu thẩm định): computed and adjusted scores side by
    side with the reasons, eligibility, the report's status and the conclusion."""

    filename = "phieu-tham-dinh"
    sheet_title = _("Appraisal")
    title = _("Appraisal sheet")
    columns = [
        Column(_("Unit"), lambda row: row["unit"], 36),
        Column(_("Computed score"), lambda row: row["computed"], 12),
        Column(_("Score after adjustment"), lambda row: row["score"], 12),
        Column(_("Adjustments and reasons"), lambda row: row["adjustments"], 40),
        Column(_("Eligibility"), lambda row: row["eligible"], 36),
        Column(_("Achievement report"), lambda row: row["report"], 18),
        Column(_("Conclusion"), lambda row: row["conclusion"], 30),
    ]

    def __init__(self, evaluation_round):
        from thidua.awards.dossier_documents import appraisal_rows

        self.evaluation_round = evaluation_round
        self._rows = appraisal_rows(evaluation_round)

    def items(self):
        return self._rows

    def describe_scope(self) -> str:
        return str(self.evaluation_round.authority)

    def describe_period(self) -> str:
        return str(self.evaluation_round)
