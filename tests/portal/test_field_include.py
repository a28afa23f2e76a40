"""includes/field.html: the ids Django puts in aria-describedby exist in the page (Nu HTML checker error)."""

import re

from django import forms
from django.template.loader import render_to_string


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", help_text="Được ghi vào lịch sử của tháng.", max_length=5)
    unit = forms.ChoiceField(label="Đơn vị", choices=[("1", "A"), ("2", "B")], widget=forms.RadioSelect,
                             help_text="Chọn một đơn vị.")


def _rendered(form):
    return "".join(render_to_string("includes/field.html", {"field": field}) for field in form)


def _described_ids_are_present(html):
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [i for group in re.findall(r'aria-describedby="([^"]+)"', html) for i in group.split()]
    assert described, html
    missing = [i for i in described if i not in ids]
    assert not missing, f"aria-describedby points to missing ids {missing}"
    assert len(re.findall(r'\bid="([^"]+)"', html)) == len(ids), "duplicate ids"


def test_help_text_is_linked_to_its_field():
    _described_ids_are_present(_rendered(ReasonForm()))


def test_errors_are_linked_to_their_field_once_however_many_there_are():
    form = ReasonForm(data={"reason": "quá dài rồi", "unit": "9"})
    assert not form.is_valid()
    html = _rendered(form)
    _described_ids_are_present(html)
    assert 'aria-invalid="true"' in html and "Lý do" in html
