"""A person with one unit finds it chosen in the forms that ask for a unit, instead of "---------"."""

import re

import pytest
from django import forms

from thidua.core.forms import preselect_only_choices
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db


def unit_options(html: str) -> list[str]:
    select = re.search(r'<select name="unit"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>[^<]*</option>", select)


def test_an_officer_with_one_unit_finds_it_chosen_on_the_registration_form(client_as, world):
    response = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/register/")
    assert response.status_code == 200
    options = unit_options(response.content.decode())
    assert options == [f'<option value="{world.unit_a.pk}" selected>{world.unit_a}</option>']


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none())
    optional_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["optional_unit"].queryset = units
        preselect_only_choices(self)


def test_a_single_required_choice_is_chosen_and_a_filter_keeps_its_empty_choice(world):
    form = UnitForm(units=Unit.objects.filter(pk=world.unit_a.pk))
    assert form["unit"].value() == world.unit_a.pk
    assert [label for _value, label in form.fields["unit"].choices] == [str(world.unit_a)]
    assert form["optional_unit"].value() is None
    assert [label for _value, label in form.fields["optional_unit"].choices][0] == "---------"


def test_two_choices_leave_the_person_to_choose(world):
    form = UnitForm(units=Unit.objects.filter(pk__in=[world.unit_a.pk, world.unit_b.pk]))
    assert form["unit"].value() is None
    assert [label for _value, label in form.fields["unit"].choices][0] == "---------"
