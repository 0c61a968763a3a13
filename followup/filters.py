import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Enrollment, EuseStage
from followup.caseload import CaseStatus
from ips.query import QueryForm, TextParameter, filterset_query


class TextFilter(django_filters.CharFilter):
    field_class = TextParameter


class CaseloadFilter(django_filters.FilterSet):
    """Search, filter and sort the caseload. Every field works on the
    annotations of `followup.caseload.caseload`."""

    q = TextFilter(label=_("Search by name"), method="search")
    euse_stage = django_filters.ChoiceFilter(
        label=_("EUSE stage"), choices=EuseStage.choices, empty_label=_("All stages")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.CHOICES, empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue contact"),
        widget=django_filters.widgets.BooleanWidget,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("candidate__last_name", "name"),
            ("euse_stage", "stage"),
            ("status", "status"),
            ("job_sort", "job"),
            ("last_contact", "last_contact"),
            ("next_contact_date", "next_contact"),
        ),
        field_labels={
            "candidate__last_name": _("Name"),
            "euse_stage": _("EUSE stage"),
            "status": _("Status"),
            "job_sort": _("Current job"),
            "last_contact": _("Last contact"),
            "next_contact_date": _("Next planned contact"),
        },
    )

    class Meta:
        model = Enrollment
        form = QueryForm
        fields = ["q", "euse_stage", "status", "overdue"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(candidate__first_name__icontains=word) | Q(candidate__last_name__icontains=word)
            )
        return queryset


#: The caseload's query parameters, parsed at the edge (ips.query).
CaseloadQuery = filterset_query(CaseloadFilter)
