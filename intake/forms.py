"""Forms of the intake: they validate input; the views call one service."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import DischargeReason, ProtectedAddress, ReferrerKind
from intake.services import WITHDRAWAL_REASONS
from ips.bidi import isolate
from ips.locking import VersionedFormMixin
from ips.models import Role, Team, User
from ips.security import Delivery
from ips.validators import validate_fnr

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReferralForm(forms.Form):
    """A referral (henvisning). The only eligibility questions are age and the
    wish to work: the form has no other ground to refuse (zero exclusion)."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    referral_date = forms.DateField(label=_("Referral received"), widget=DATE)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    fnr = forms.CharField(
        label=_("Fødselsnummer or D-nummer"),
        required=False,
        max_length=20,
        help_text=_("Optional. 11 digits."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("A postal code has 4 digits.")},
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    protected_address = forms.ChoiceField(
        label=_("Protected address"),
        choices=ProtectedAddress.choices,
        required=False,
        help_text=_("Contact details of a protected person are shown only to their specialist."),
    )
    referrer_kind = forms.ChoiceField(
        label=_("Referred by"), choices=ReferrerKind.choices, widget=forms.RadioSelect
    )
    referrer_contact = forms.CharField(
        label=_("Referrer's name and contact"),
        required=False,
        max_length=200,
        help_text=_("Name, phone or e-mail of the NAV adviser or treatment provider."),
    )
    referral_reason = forms.CharField(
        label=_("Short reason for the referral"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    employed_at_referral = forms.BooleanField(
        label=_("In paid work now (on sick leave or with a job at risk)"), required=False
    )
    consent_to_share = forms.BooleanField(
        label=_("Consents to NAV and the treatment service sharing information"), required=False
    )
    wants_work = forms.TypedChoiceField(
        label=_("Does the person want ordinary paid work?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())
            self.initial.setdefault("referral_date", timezone.localdate())

    def clean_fnr(self):
        fnr = "".join(self.cleaned_data["fnr"].split())
        if fnr:
            validate_fnr(fnr)
        return fnr or None

    def clean_referral_date(self):
        day = self.cleaned_data["referral_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The referral date cannot be in the future."))
        return day

    def clean_birth_date(self):
        day = self.cleaned_data["birth_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("referrer_kind")
        if kind and kind != ReferrerKind.SELF and not cleaned.get("referrer_contact"):
            self.add_error("referrer_contact", _("Give the referrer's name and how to reach them."))
        return cleaned


class AssignmentForm(VersionedFormMixin, forms.Form):
    instance_argument = "enrollment"

    specialist = forms.ModelChoiceField(label=_("Specialist"), queryset=User.objects.none())
    from_date = forms.DateField(label=_("From date"), widget=DATE)
    override_reason = forms.CharField(
        label=_("Reason for exceeding the caseload cap (team leaders only)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, enrollment, specialists, may_override, **kwargs):
        self.instance = enrollment
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists
        self.fields["specialist"].label_from_instance = lambda user: (
            f"{isolate(user)} ({isolate(user.team)})" if user.team_id else isolate(user)
        )
        if not self.is_bound:
            self.initial["from_date"] = timezone.localdate()
        if not may_override:
            del self.fields["override_reason"]


class DischargeForm(VersionedFormMixin, forms.Form):
    instance_argument = "enrollment"

    discharge_date = forms.DateField(label=_("Discharge date"), widget=DATE)
    discharge_reason = forms.ChoiceField(label=_("Reason"), choices=DischargeReason.choices)

    def __init__(self, *args, enrollment, **kwargs):
        self.instance = enrollment
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["discharge_date"] = timezone.localdate()


class WithdrawalForm(VersionedFormMixin, forms.Form):
    """Take a referral off the waiting list before intake."""

    instance_argument = "enrollment"

    discharge_date = forms.DateField(label=_("Withdrawn on"), widget=DATE)
    discharge_reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(reason.value, reason.label) for reason in WITHDRAWAL_REASONS],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, enrollment, **kwargs):
        self.instance = enrollment
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["discharge_date"] = timezone.localdate()


class TransferRequestForm(forms.Form):
    """Ask other offices for the person's earlier record."""

    consent = forms.BooleanField(
        label=_(
            "The person agrees that an earlier record from another office is moved to this office"
        ),
        error_messages={
            "required": _("Ask the person first: a record is moved only with their consent.")
        },
    )


class TransferDecisionForm(forms.Form):
    """The holding office's answer to a transfer request."""

    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ACCEPT, _("Accept: the record moves to the other office")),
            (DECLINE, _("Decline: the record stays here")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit trail. The other office is not shown it."),
    )


class AccountForm(VersionedFormMixin, forms.ModelForm):
    """An account of the office. The view gives the roles and teams the user
    may hand out (`ips.accounts.roles_grantable_by`, `teams_assignable_by`)."""

    instance_argument = "account"

    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and . @ + - _ only.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("Links to set up the account can be sent here.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=())
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_("Required for job specialists and team leaders."),
    )
    fte = forms.DecimalField(
        label=_("FTE"),
        min_value=0.01,
        max_value=1,
        max_digits=3,
        decimal_places=2,
        initial=1,
        help_text=_("Share of a full-time position, e.g. 0.6."),
    )
    caseload_cap = forms.IntegerField(
        label=_("Caseload cap"), min_value=1, max_value=100, initial=20
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "team",
            "fte",
            "caseload_cap",
        ]

    def __init__(self, *args, roles, teams, account=None, **kwargs):
        super().__init__(*args, instance=account, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        self.fields["team"].queryset = teams
        if account is not None:
            del self.fields["username"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in (Role.SPECIALIST, Role.TEAM_LEADER) and not cleaned.get("team"):
            self.add_error("team", _("A job specialist or team leader must belong to a team."))
        return cleaned

    def validate_unique(self):
        """The service refuses a username taken, in words."""

    def account_values(self) -> dict:
        """What the services user_create and user_update take."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class EnrolmentLinkForm(forms.Form):
    """How the one-time enrolment link reaches the account's owner."""

    delivery = forms.ChoiceField(
        label=_("How should they get the link?"),
        choices=Delivery.choices,
        initial=Delivery.EMAIL,
        widget=forms.RadioSelect,
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)

    def __init__(self, *args, office, **kwargs):
        self.office = office
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(office=self.office, name__iexact=name).exists():
            raise forms.ValidationError(_("The office already has a team with this name."))
        return name
