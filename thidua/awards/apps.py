from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Evaluation and awards")

    def ready(self) -> None:
        from thidua.awards import permissions  # noqa: F401 - registers the actions
        from thidua.awards.work import award_history, waiting_work
        from thidua.core.audit import register_action_labels
        from thidua.core.context_processors import register_nav_item
        from thidua.core.panels import register_unit_panel, register_waiting_work

        register_waiting_work("awards", waiting_work)
        register_unit_panel("awards", "awards/unit_history.html", award_history)

        register_nav_item("awards-round-list", _("Awards"), "awards.round.view", order=60)
        register_action_labels(
            {
                "award.council_rule_created": _("Council rule created"),
                "award.council_rule_changed": _("Council rule changed"),
                "award.rubric_created": _("Rubric created"),
                "award.flag_recorded": _("Award flag recorded"),
                "award.flag_lifted": _("Award flag lifted"),
                "award.round_opened": _("Evaluation round opened"),
                "award.figure_adjusted": _("Criterion adjusted"),
                "award.entry_proposed": _("Candidate proposed"),
                "award.entry_withdrawn": _("Candidate withdrawn"),
                "award.round_proposed": _("Candidates sent to the council"),
                "award.session_created": _("Council session called"),
                "award.attendance_recorded": _("Council attendance recorded"),
                "award.written_opinion_recorded": _("Written opinion recorded"),
                "award.vote_opened": _("Council vote opened"),
                "award.vote_cast": _("Council member voted"),
                "award.session_closed": _("Council vote closed and counted"),
                "award.tie_settled": _("Tie settled by the chair"),
                "award.proposal_submitted": _("Award proposal submitted to the Chairman"),
                "award.decision_issued": _("Award decision issued"),
            }
        )
