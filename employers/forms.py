from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import ContactPerson, Employer, Placement, PlacementEndReason
from employers.queries import employers_visible_to
from employers.services import PLACEMENT_FIELDS, normalise_orgnr
from ips.bidi import isolate
from ips.locking import VersionedFormMixin
from ips.query import PageQuery, TextParameter
from ips.validators import validate_orgnr

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployerForm(VersionedFormMixin, forms.ModelForm):
    orgnr = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("9 digits, as in the Brønnøysund Register Centre."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Employer
        fields = ["orgnr", "name", "industry"]

    def clean_orgnr(self):
        orgnr = normalise_orgnr(self.cleaned_data["orgnr"])
        validate_orgnr(orgnr)
        return orgnr

    def validate_unique(self):
        """The view answers an existing orgnr with a link to that employer."""


class EmployerSearchForm(PageQuery):
    """The employer list's query: search text and page."""

    q = TextParameter(label=_("Name or organisation number"))


class ContactPersonForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "phone", "email"]


class PlacementForm(VersionedFormMixin, forms.ModelForm):
    """A job start with its NAV instruments."""

    class Meta:
        model = Placement
        fields = list(PLACEMENT_FIELDS)
        widgets = dict.fromkeys(
            (
                "start_date",
                "wage_subsidy_from",
                "wage_subsidy_to",
                "mentor_subsidy_from",
                "mentor_subsidy_to",
            ),
            DATE_INPUT,
        )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers_visible_to(user)
        self.fields["employer"].label_from_instance = lambda employer: isolate(employer.name)

    def clean(self):
        data = super().clean()
        hours = data.get("hours_per_week")
        if hours is not None and not 0 < hours <= 100:
            self.add_error("hours_per_week", _("Hours per week must be above 0 and at most 100."))
        percent = data.get("wage_subsidy_percent")
        if percent is not None and not 1 <= percent <= 100:
            self.add_error(
                "wage_subsidy_percent", _("The wage subsidy must be between 1 and 100 %.")
            )
        for start, end in (
            ("wage_subsidy_from", "wage_subsidy_to"),
            ("mentor_subsidy_from", "mentor_subsidy_to"),
        ):
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, _("The subsidy ends before it starts."))
        for name in ("hourly_wage", "inclusion_subsidy_amount"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("The amount cannot be negative."))
        return data

    def validate_unique(self):
        """The service refuses a job start registered twice, in words."""


class PlacementEndForm(VersionedFormMixin, forms.ModelForm):
    end_date = forms.DateField(label=_("End date"), widget=DATE_INPUT)
    end_reason = forms.ChoiceField(label=_("Reason"), choices=PlacementEndReason.choices)

    class Meta:
        model = Placement
        fields = ["end_date", "end_reason"]

    def clean(self):
        data = super().clean()
        end = data.get("end_date")
        if end and end < self.instance.start_date:
            self.add_error("end_date", _("The end date is before the start date."))
        return data
