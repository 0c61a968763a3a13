from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import EuseStage
from candidates.queries import candidates_visible_to
from employers.queries import employers_visible_to
from followup.models import Activity, Location, Mode, WithWhom
from ips.bidi import isolate
from ips.locking import VersionedFormMixin
from ips.query import DayParameter, QueryForm, RecordIdParameter, TextParameter

#: Radio buttons drawn as a row of large buttons: one tap each on a phone.
CHOICE_BUTTONS = forms.RadioSelect(attrs={"class": "btn-check"})
MINUTES_MESSAGE = _("Minutes must be between 1 and 1440 (a whole day).")


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The name only: never contact details in a list (protected persons).
        return isolate(f"{obj.first_name} {obj.last_name}")


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return isolate(obj.name)


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    """The contact log entry. Defaults make a typical contact two taps:
    open the form, save."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=1440,
        error_messages={"min_value": MINUTES_MESSAGE, "max_value": MINUTES_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices, widget=CHOICE_BUTTONS)
    location = forms.ChoiceField(
        label=_("Location"), choices=Location.choices, widget=CHOICE_BUTTONS
    )
    with_whom = forms.ChoiceField(
        label=_("With whom"), choices=WithWhom.choices, widget=CHOICE_BUTTONS
    )
    euse_stage = forms.TypedChoiceField(
        label=_("EUSE stage"),
        choices=[("", "–"), *EuseStage.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "date",
            "minutes",
            "mode",
            "location",
            "with_whom",
            "candidate",
            "employer",
            "euse_stage",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"] = CandidateChoiceField(
            label=_("Candidate"), queryset=candidates_visible_to(user), required=False
        )
        self.fields["employer"] = EmployerChoiceField(
            label=_("Employer"), queryset=employers_visible_to(user), required=False
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("minutes", 30)
            self.initial.setdefault("mode", Mode.IN_PERSON)
            self.initial.setdefault("location", Location.COMMUNITY)
            self.initial.setdefault(
                "with_whom",
                WithWhom.EMPLOYER if self.initial.get("employer") else WithWhom.CANDIDATE,
            )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("An activity cannot be logged for a date in the future."))
        return date


class ActivityCreateForm(ActivityForm):
    next_contact_date = forms.DateField(
        label=_("Next planned contact"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: shown on your caseload."),
    )


class ActivityEditForm(ActivityForm):
    """An activity already logged: its version is required (see ips.locking)."""


# --- Query parameters (ips.query) ---


class ActivityCreateQuery(QueryForm):
    """?candidate=<pk>&employer=<pk> preselect; inline=1 asks for the htmx form."""

    candidate = RecordIdParameter(label=_("Candidate"))
    employer = RecordIdParameter(label=_("Employer"))
    inline = forms.ChoiceField(label=_("Inline"), choices=[("1", "1")], required=False)


class CandidateOptionsQuery(QueryForm):
    candidate_q = TextParameter(label=_("Find a candidate"))
    candidate = RecordIdParameter(label=_("Candidate"))


class EmployerOptionsQuery(QueryForm):
    employer_q = TextParameter(label=_("Find an employer"))
    employer = RecordIdParameter(label=_("Employer"))


class MyWeekQuery(QueryForm):
    """The week containing `week` (this week when left out)."""

    week = DayParameter(label=_("Week"))
