from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate, Enrollment, EuseStage, VocationalProfile
from candidates.services import CANDIDATE_FILE_FIELDS, PROFILE_FIELDS
from ips.locking import VersionedFormMixin

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CandidateForm(VersionedFormMixin, forms.ModelForm):
    """Identity and contact details."""

    class Meta:
        model = Candidate
        fields = CANDIDATE_FILE_FIELDS
        widgets = {"birth_date": DATE_INPUT}


class VocationalProfileForm(VersionedFormMixin, forms.ModelForm):
    """EUSE stage 2, with the treatment contact and the NAV adviser."""

    class Meta:
        model = VocationalProfile
        fields = PROFILE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "job_preferences",
                "work_history",
                "education",
                "strengths",
                "support_needs",
            )
        }


class ProtectionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["protected_address"]


class EnrollmentPlanForm(VersionedFormMixin, forms.ModelForm):
    """The EUSE stage and the next planned contact."""

    euse_stage = forms.TypedChoiceField(
        label=_("EUSE stage"), choices=EuseStage.choices, coerce=int
    )

    class Meta:
        model = Enrollment
        fields = ["euse_stage", "next_contact_date"]
        widgets = {"next_contact_date": DATE_INPUT}
        help_texts = {"next_contact_date": ""}
