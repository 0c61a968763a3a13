"""Admin for the organisation: offices, teams and users.

Users are deactivated, never deleted: activities, assignments and audit
entries keep their author.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ips.locking import VersionedAdminMixin
from ips.models import Office, Team, User

admin.site.site_header = _("Trofast administration")
admin.site.site_title = _("Trofast administration")
admin.site.index_title = _("Administration")


def _superusers_only(request) -> bool:
    """Only superusers use the admin. Django's default lets in any staff
    account, whose model permissions could let it raise its own powers or
    change a superuser; account work below superuser is done in Trofast's
    own pages, under the rule of ips/accounts.py."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only


#: The largest whole number a database column holds (a signed 64-bit integer).
_LARGEST_INTEGER = 2**63 - 1


class BoundedChangeList(ChangeList):
    """A filter the database cannot answer is a wrong filter, answered as
    Django answers one (`?e=1`), not a 500: a date-hierarchy year out of range
    (`?date__year=9999`, which Django 5.2 lets through; fixed upstream, ticket
    #37357), or a whole number beyond a 64-bit integer (`?office__exact=2**63`,
    which SQLite refuses with an OverflowError and PostgreSQL with a DataError)."""

    def get_filters(self, request):
        for values in self.filter_params.values():
            for value in values:
                if value.lstrip("-").isdigit() and abs(int(value)) > _LARGEST_INTEGER:
                    raise IncorrectLookupParameters(value)
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def bound_change_lists(site) -> None:
    """Every list of the site, those of the libraries included, uses BoundedChangeList."""
    for model in apps.get_models():
        if site.is_registered(model):
            model_admin = site.get_model_admin(model)
            model_admin.get_changelist = lambda request, **kwargs: BoundedChangeList


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "team_count", "user_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                team_count=Count("teams", distinct=True),
                user_count=Count("users", distinct=True),
            )
        )

    @admin.display(description=_("teams"), ordering="team_count")
    def team_count(self, office):
        return office.team_count

    @admin.display(description=_("users"), ordering="user_count")
    def user_count(self, office):
        return office.user_count


@admin.register(Team)
class TeamAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "office", "leader_names", "member_count"]
    list_filter = ["office"]
    list_select_related = ["office"]
    search_fields = ["name", "office__name"]
    autocomplete_fields = ["office", "leaders"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=Count("members", distinct=True))
            .prefetch_related("leaders")
        )

    @admin.display(description=_("leaders"))
    def leader_names(self, team):
        return ", ".join(str(leader) for leader in team.leaders.all())

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, team):
        return team.member_count


_TROFAST_FIELDS = ("role", "team", "office", "fte", "caseload_cap")


@admin.register(User)
class UserAdmin(VersionedAdminMixin, DjangoUserAdmin):
    """Django's user admin with the Trofast role, team and caseload fields.
    There is no delete: a user who leaves is deactivated (untick "active")."""

    list_display = [
        "username",
        "first_name",
        "last_name",
        "role",
        "team",
        "office",
        "fte",
        "caseload_cap",
        "is_active",
        "is_staff",
    ]
    list_filter = ["role", "is_active", "office", "team", "is_staff", "is_superuser"]
    list_select_related = ["team", "office"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["team", "office"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and caseload"), {"fields": _TROFAST_FIELDS}),
        (
            _("Permissions"),
            {
                "classes": ("collapse",),
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and caseload"), {"fields": _TROFAST_FIELDS}),
    )

    def has_delete_permission(self, request, obj=None):
        return False
