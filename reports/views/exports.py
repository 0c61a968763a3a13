"""Each dashboard's figures as a CSV or Excel file (aggregates only)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ips.decorators import role_required
from ips.models import Role
from ips.query import parses_query
from reports.exports import dashboard_csv, dashboard_xlsx
from reports.forms import PeriodForm
from reports.views.figures import LEADER, comparison_page, my_rows, office_page, team_page


def _export(fmt, *, title, rows, period, freshness, filename):
    maker = dashboard_csv if fmt == "csv" else dashboard_xlsx
    return maker(title=title, rows=rows, period=period, freshness=freshness, filename=filename)


@require_GET
@role_required(*LEADER)
@parses_query(PeriodForm)
def team_export(request, team_pk, fmt, query):
    page = team_page(request, team_pk, query)
    return _export(
        fmt,
        title=_("Fidelity of team %(team)s") % {"team": page.team.name},
        rows=page.block.all_rows,
        period=page.period,
        freshness=page.freshness,
        filename=f"fidelity-{page.team.pk}-{page.period.start}-{page.period.end}",
    )


@require_GET
@role_required(Role.SPECIALIST)
@parses_query(PeriodForm)
def my_export(request, fmt, query):
    mine = my_rows(request.user, query.chosen_period())
    return _export(
        fmt,
        title=_("Fidelity of %(name)s") % {"name": request.user},
        rows=mine.rows,
        period=mine.period,
        freshness=mine.freshness,
        filename=f"fidelity-mine-{mine.period.start}-{mine.period.end}",
    )


@require_GET
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
@parses_query(PeriodForm)
def office_export(request, fmt, query):
    office = office_page(request, query)
    return _export(
        fmt,
        title=_("Fidelity of teams and offices"),
        rows=office.rows,
        period=office.period,
        freshness=office.freshness,
        filename=f"fidelity-offices-{office.period.start}-{office.period.end}",
    )


@require_GET
@role_required(Role.ANALYST)
@parses_query(PeriodForm)
def comparison_export(request, fmt, query):
    compared = comparison_page(query)
    return _export(
        fmt,
        title=_("Fidelity of offices and teams (small groups not shown)"),
        rows=[*compared.office_rows, *compared.team_rows, compared.total],
        period=compared.period,
        freshness=compared.freshness,
        filename=f"fidelity-comparison-{compared.period.start}-{compared.period.end}",
    )
