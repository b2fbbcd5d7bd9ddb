from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import RefuseControlCharactersMixin
from thidua.reports.services import NARRATIVE_MAX

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NarrativesForm(RefuseControlCharactersMixin, forms.Form):
    """One text area per narrative section of the template, named ``section_<position>``."""

    def __init__(self, *args, sections, initial_texts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = [section for section in sections if section.has_narrative]
        for section in self.sections:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.heading,
                help_text=section.guidance,
                required=False,
                max_length=NARRATIVE_MAX,
                initial=initial_texts.get(section.key, ""),
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def narratives(self) -> dict[str, str]:
        return {section.key: self.cleaned_data.get(f"section_{section.key}", "") for section in self.sections}


class CommentForm(RefuseControlCharactersMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DueDateForm(RefuseControlCharactersMixin, forms.Form):
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), max_length=2000)
