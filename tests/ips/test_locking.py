"""A save from a stale form is refused and the first edit is kept."""

import pytest
from django import forms

from candidates.models import Candidate
from ips.locking import StaleEdit, VersionedFormMixin, save_versioned
from tests.factories import CandidateFactory


class CandidatePhoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["phone"]


def _edit(candidate, phone, version):
    form = CandidatePhoneForm({"phone": phone, "version": version}, instance=candidate)
    assert form.is_valid(), form.errors
    try:
        save_versioned(form.save(commit=False), expected_version=form.cleaned_data["version"])
    except StaleEdit as error:
        form.refuse_stale(error)
    return form


def test_the_form_carries_the_version_it_was_opened_with(db):
    candidate = CandidateFactory()
    assert CandidatePhoneForm(instance=candidate).initial["version"] == 1


def test_a_stale_edit_is_refused_and_the_first_edit_kept(db):
    candidate = CandidateFactory(phone="11111111")
    opened_by_first = Candidate.objects.get(pk=candidate.pk)
    opened_by_second = Candidate.objects.get(pk=candidate.pk)
    first = _edit(opened_by_first, "22222222", version=1)
    assert not first.errors
    second = _edit(opened_by_second, "33333333", version=1)
    assert second.non_field_errors()
    assert second.current.phone == "22222222"
    candidate.refresh_from_db()
    assert candidate.phone == "22222222"
    assert candidate.version == 2


def test_edits_in_turn_both_land(db):
    candidate = CandidateFactory(phone="11111111")
    _edit(Candidate.objects.get(pk=candidate.pk), "22222222", version=1)
    _edit(Candidate.objects.get(pk=candidate.pk), "33333333", version=2)
    candidate.refresh_from_db()
    assert (candidate.phone, candidate.version) == ("33333333", 3)


def test_a_missing_version_is_a_form_error(db):
    form = CandidatePhoneForm({"phone": "1"}, instance=CandidateFactory())
    assert not form.is_valid()
    assert "version" in form.errors


@pytest.mark.django_db
def test_save_versioned_raises_with_the_current_record():
    candidate = CandidateFactory(phone="1")
    Candidate.objects.filter(pk=candidate.pk).update(version=5, phone="2")
    with pytest.raises(StaleEdit) as error:
        save_versioned(candidate, expected_version=1)
    assert error.value.current.phone == "2"
