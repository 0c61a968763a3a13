from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.models import (
    Candidate,
    Enrollment,
    EuseStage,
    ProtectedAddress,
    VocationalProfile,
)
from candidates.services import CANDIDATE_FILE_FIELDS, LIFT_REFUSED_MESSAGE, PROFILE_FIELDS
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
    """The protected-address flag. Whoever may read the candidate may raise it;
    only the holding specialist (`may_lift`) may lower it, with a reason and
    the population register checked. Others are offered only the current flag
    and stricter ones."""

    reason = forms.CharField(
        label=_("Reason for lifting or lowering the flag"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the flag is lifted or lowered. Kept in the audit trail."),
    )
    register_checked = forms.BooleanField(
        label=_(
            "I have checked the population register (Folkeregisteret): the address is no "
            "longer protected at this level"
        ),
        required=False,
    )

    class Meta:
        model = Candidate
        fields = ["protected_address"]

    def __init__(self, *args, may_lift: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_lift:
            current = ProtectedAddress.level(self.instance.protected_address)
            field = self.fields["protected_address"]
            field.choices = [
                (value, label)
                for value, label in ProtectedAddress.choices
                if ProtectedAddress.level(value) >= current
            ]
            field.error_messages["invalid_choice"] = LIFT_REFUSED_MESSAGE
            del self.fields["reason"]
            del self.fields["register_checked"]

    def with_current_values(self, **kwargs):
        return super().with_current_values(may_lift="reason" in self.fields, **kwargs)


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
