"""The figures of the fidelity report, each declared once.

A `Figure` says everything about one figure: its key, label and definition,
the queries that compute it (`Counts`, `Median`), the fields it adds to a row
of the report, its target and how a value is judged against it, how its trend
is read and which target lines the chart draws, the parts that add up across
teams and offices (for small-group suppression), and the drill-down behind
it. The report (reports.report), the snapshots (its rows), the dashboards'
cells, the trends, the exports and the drill-downs all iterate `FIGURES`, so a
new figure is one entry here plus its query in reports.metrics.

Targets are read from ips.targets when a text or a judgement is made, never
copied here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ips import targets
from ips.targets import Targets
from reports import drilldown, metrics
from reports.drilldown import Drill
from reports.metrics.periods import ReportPeriod

MET, CLOSE, NOT_MET, NO_DATA = "met", "close", "not_met", "no_data"


# --- The queries ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Counts:
    """One aggregate query of a report: for each credited specialist, parts
    that teams, offices and the total sum (0 where a specialist has no row).
    Several figures may read one query; the report runs it once."""

    parts: tuple[str, ...]
    count: Callable[[ReportPeriod, object], dict[int, dict]]


@dataclass(frozen=True, eq=False)
class Median:
    """One query of a report giving a median per specialist, team, office and
    in total (reports.metrics.medians): it pools the rows, never the medians."""

    name: str
    compute: Callable[[ReportPeriod, tuple[str, ...], object], dict[str, dict]]


CASELOAD = Counts(
    ("caseload",),
    lambda p, who: {pk: {"caseload": n} for pk, n in metrics.caseload(p.period.end, who).items()},
)
MINUTES = Counts(
    ("logged", "field", "employer_contacts"),
    lambda p, who: metrics.activity_minutes(p.period.start, p.period.end, who),
)
IN_WORK = Counts(
    ("numerator", "denominator", "pending"),
    lambda p, who: metrics.in_work_within_year(p.period.start, p.period.end, p.as_of, who),
)
NEW_IN_WORK = Counts(
    ("new_in_work",),
    lambda p, who: {
        pk: {"new_in_work": n}
        for pk, n in metrics.new_in_work(p.period.start, p.period.end, who).items()
    },
)
EMPLOYMENT = Counts(
    ("employed", "active"),
    lambda p, who: metrics.employment_rate(p.quarter.start, p.quarter.end, who),
)
DAYS_TO_CONTACT = Median(
    "days_to_first_employer_contact",
    lambda p, levels, who: metrics.days_to_first_employer_contact_by_level(
        p.period.start, p.period.end, levels, who
    ),
)
TENURE = Median(
    "job_tenure_days",
    lambda p, levels, who: metrics.job_tenure_by_level(
        p.period.start, p.period.end, p.as_of, levels, who
    ),
)


# --- One scope's figures ----------------------------------------------------


@dataclass(frozen=True)
class Summed:
    """What a figure's fields are made of for one scope (a specialist, team,
    office or the total): the summed parts of its specialists (with `fte` and
    `specialists`), the period, and the scope's medians by name."""

    parts: dict
    period: ReportPeriod
    medians: dict
    targets: Targets


def rate(numerator: int, denominator: int) -> float | None:
    """Rates are fractions rounded to 4 decimals; no denominator, no figure."""
    return round(numerator / denominator, 4) if denominator else None


def ratio(value, by, digits: int = 2) -> float | None:
    return round(value / by, digits) if by else None


# --- Judged against the target ----------------------------------------------


@dataclass(frozen=True)
class Judged:
    """A figure as a dashboard shows it. `text` None: the "no data" label."""

    text: str | None
    status: str
    detail: str = ""


def percent_text(share: float) -> str:
    return f"{number_format(share * 100, 1)} %"


def number_text(value, places: int = 1) -> str:
    return number_format(value, places)


def at_least(value, target, close) -> str:
    if value >= target:
        return MET
    return CLOSE if value >= close else NOT_MET


def at_most(value, target, close) -> str:
    if value <= target:
        return MET
    return CLOSE if value <= close else NOT_MET


def employer_contacts_per_week(row: dict) -> float | None:
    """Nothing logged at all in the period is missing data, not zero contacts."""
    if not row["logged_minutes"]:
        return None
    return row["employer_contacts_per_week"]


# --- Trends -----------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A chart of the last 12 months: its title and unit, how a month's value
    is read from a report row (None: no data), and the target lines."""

    title: str
    unit: str
    value: Callable[[dict], float | None]
    lines: Callable[[Targets], list[tuple[str, float]]]


def as_percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def percent_line(share: float) -> list:
    percent = targets.percent(share)
    return [(_("target %(percent)s %%") % {"percent": percent}, percent)]


def target_line(value) -> list:
    return [(_("target %(value)s") % {"value": value}, value)]


def band_lines(band: targets.Band) -> list:
    return [
        (_("band low %(value)s") % {"value": band.low}, band.low),
        (_("band high %(value)s") % {"value": band.high}, band.high),
    ]


# --- Exports ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the exports: its header and how a row's value is read
    (the report's own number: rates as fractions, None for no data)."""

    name: str
    value: Callable[[dict], object]


#: Before every figure's columns: the scope's full-time equivalents.
FTE_COLUMN = Column("fte", lambda row: row["fte"])


def field_column(name: str) -> Column:
    return Column(name, lambda row: row[name])


def part_column(name: str, field: str, part: str) -> Column:
    return Column(name, lambda row: row[field][part])


# --- Suppression ------------------------------------------------------------


@dataclass(frozen=True)
class Cohort:
    """A rate over a group of candidates (a field of the row holding the
    counts): hidden from analysts when the group (`size`) has 1 to 4
    candidates (reports.suppression)."""

    field: str
    parts: tuple[str, ...]
    size: str


# --- The figure -------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """Everything about one figure of the report (see the module's docstring)."""

    key: str
    label: str
    #: The definition as the dashboards explain it (made from the targets in force).
    definition_of: Callable[[Targets], str]
    #: Its fields of a report row (the JSON contract of fidelity_report).
    fields: Callable[[Summed], dict]
    #: The queries it reads.
    sources: tuple[Counts | Median, ...]
    #: Its target as the dashboards name it; None: no target, not on the dashboards.
    target_of: Callable[[Targets], str] | None = None
    #: How a row's value is judged against the target.
    judge: Callable[[dict, Targets], Judged] | None = None
    trend: Trend | None = None
    #: Its columns in the exports (one layout for every file: `export_columns`).
    columns: tuple[Column, ...] = ()
    #: Row fields that add up across teams, offices and the total.
    summed: tuple[str, ...] = ()
    cohort: Cohort | None = None
    #: What is behind it, listed (reports.drilldown).
    drill: Drill | None = None

    @property
    def definition(self) -> str:
        return self.definition_of(targets.current())

    @property
    def target(self) -> str:
        return self.target_of(targets.current()) if self.target_of else ""


# --- The figures, in the order of the report's fields ------------------------


def _caseload_fields(s: Summed) -> dict:
    per_fte = ratio(s.parts["caseload"], s.parts["fte"])
    return {
        "caseload": s.parts["caseload"],
        "caseload_per_fte": per_fte,
        "caseload_per_fte_in_band": None
        if per_fte is None
        else s.targets.caseload_per_fte.contains(per_fte),
    }


def _judge_caseload(row: dict, t: Targets) -> Judged:
    per_fte = row["caseload_per_fte"]
    if per_fte is None:
        return Judged(None, NO_DATA)
    band, close = t.caseload_per_fte, t.close_caseload_per_fte
    if band.contains(per_fte):
        status = MET
    elif band.low - close <= per_fte <= band.high + close:
        status = CLOSE
    else:
        status = NOT_MET
    detail = _("%(per_fte)s per FTE") % {"per_fte": number_text(per_fte)}
    return Judged(str(row["caseload"]), status, detail)


def _field_share_fields(s: Summed) -> dict:
    return {
        "field_minutes": s.parts["field"],
        "logged_minutes": s.parts["logged"],
        "field_share": rate(s.parts["field"], s.parts["logged"]),
    }


def _judge_field_share(row: dict, t: Targets) -> Judged:
    share = row["field_share"]
    if share is None:
        return Judged(None, NO_DATA)
    status = at_least(share, t.field_share, t.field_share - t.close_share_points)
    detail = _("%(field)s of %(logged)s min") % {
        "field": row["field_minutes"],
        "logged": row["logged_minutes"],
    }
    return Judged(percent_text(share), status, detail)


def _in_work_fields(s: Summed) -> dict:
    parts = s.parts
    return {
        "in_work_within_year": {
            "numerator": parts["numerator"],
            "denominator": parts["denominator"],
            "pending": parts["pending"],
            "rate": rate(parts["numerator"], parts["denominator"]),
        }
    }


def _judge_in_work(row: dict, t: Targets) -> Judged:
    in_work = row["in_work_within_year"]
    counts = _("%(n)s/%(N)s, %(pending)s pending") % {
        "n": in_work["numerator"],
        "N": in_work["denominator"],
        "pending": in_work["pending"],
    }
    if in_work["rate"] is None:
        return Judged(None, NO_DATA, counts)
    share = t.in_work_within_year
    status = at_least(in_work["rate"], share, share - t.close_share_points)
    return Judged(percent_text(in_work["rate"]), status, counts)


def _new_in_work_fields(s: Summed) -> dict:
    fte = s.parts["fte"]
    return {
        "new_in_work": s.parts["new_in_work"],
        "new_in_work_per_fte": ratio(s.parts["new_in_work"], fte),
        # Pro-rated by FTE and by the share of the year passed.
        "new_in_work_target": round(
            s.targets.new_in_work_per_fte_a_year * fte * s.period.year_share, 2
        ),
    }


def _judge_new_in_work(row: dict, t: Targets) -> Judged:
    count = row["new_in_work_target"]
    detail = _("target %(target)s") % {"target": number_text(count)}
    if not count:
        return Judged(str(row["new_in_work"]), NO_DATA, detail)
    status = at_least(row["new_in_work"], count, count * t.close_share_of_target)
    return Judged(str(row["new_in_work"]), status, detail)


def _new_in_work_line(t: Targets) -> list:
    month = t.new_in_work_per_fte_a_month
    label = _("target %(month)s a month (%(year)s a year)") % {
        "month": number_format(month, 2),
        "year": t.new_in_work_per_fte_a_year,
    }
    return [(label, month)]


def _employer_contacts_fields(s: Summed) -> dict:
    weeks = s.period.elapsed_days / 7
    return {
        "employer_contacts": s.parts["employer_contacts"],
        "employer_contacts_per_week": ratio(
            s.parts["employer_contacts"], s.parts["specialists"] * weeks
        ),
    }


def _judge_employer_contacts(row: dict, t: Targets) -> Judged:
    per_week = employer_contacts_per_week(row)
    if per_week is None:
        return Judged(None, NO_DATA)
    least = t.employer_contacts_per_week
    status = at_least(per_week, least, least * t.close_share_of_target)
    detail = _("%(n)s contacts") % {"n": row["employer_contacts"]}
    return Judged(number_text(per_week), status, detail)


def _judge_days_to_contact(row: dict, t: Targets) -> Judged:
    days = row["days_to_first_employer_contact"]
    if days is None:
        return Judged(None, NO_DATA)
    most = t.days_to_first_employer_contact
    status = at_most(days, most, most + t.close_extra_days)
    return Judged(number_text(days), status, _("median days"))


def _employment_rate_fields(s: Summed) -> dict:
    quarter = s.period.quarter
    return {
        "employment_rate": {
            "quarter_start": quarter.start.isoformat(),
            "quarter_end": quarter.end.isoformat(),
            "employed": s.parts["employed"],
            "active": s.parts["active"],
            "rate": rate(s.parts["employed"], s.parts["active"]),
        }
    }


FIGURES = [
    Figure(
        key="caseload",
        label=_("Caseload"),
        definition_of=lambda t: _(
            "Enrollments active on the last day of the period held by the specialist, "
            "and the same per full-time equivalent (FTE)."
        ),
        fields=_caseload_fields,
        sources=(CASELOAD,),
        target_of=lambda t: (
            _("%(low)s–%(high)s per FTE")
            % {"low": t.caseload_per_fte.low, "high": t.caseload_per_fte.high}
        ),
        judge=_judge_caseload,
        trend=Trend(
            _("Caseload per FTE"),
            "",
            lambda row: row["caseload_per_fte"],
            lambda t: band_lines(t.caseload_per_fte),
        ),
        columns=(field_column("caseload"), field_column("caseload_per_fte")),
        summed=("caseload",),
        drill=drilldown.CASELOAD,
    ),
    Figure(
        key="field_share",
        label=_("Field share"),
        definition_of=lambda t: _(
            "Minutes logged at an employer's workplace or elsewhere in the community, "
            "divided by all minutes logged in the period."
        ),
        fields=_field_share_fields,
        sources=(MINUTES,),
        target_of=lambda t: (
            _("at least %(percent)s %%") % {"percent": targets.percent(t.field_share)}
        ),
        judge=_judge_field_share,
        trend=Trend(
            _("Field share"),
            "%",
            lambda row: as_percent(row["field_share"]),
            lambda t: percent_line(t.field_share),
        ),
        columns=tuple(map(field_column, ("field_minutes", "logged_minutes", "field_share"))),
        summed=("field_minutes", "logged_minutes"),
        drill=drilldown.WEEKS,
    ),
    Figure(
        key="in_work",
        label=_("In work within a year"),
        definition_of=lambda t: _(
            "Candidates out of work at referral with intake in the period and a full "
            "year of follow-up who started a competitive job within 365 days of intake "
            "(n/N). Younger intakes are pending, not counted."
        ),
        fields=_in_work_fields,
        sources=(IN_WORK,),
        target_of=lambda t: (
            _("at least %(percent)s %%") % {"percent": targets.percent(t.in_work_within_year)}
        ),
        judge=_judge_in_work,
        trend=Trend(
            _("In work within a year"),
            "%",
            lambda row: as_percent(row["in_work_within_year"]["rate"]),
            lambda t: percent_line(t.in_work_within_year),
        ),
        columns=tuple(
            part_column(f"in_work_{part}", "in_work_within_year", part)
            for part in ("numerator", "denominator", "pending", "rate")
        ),
        cohort=Cohort(
            "in_work_within_year", ("numerator", "denominator", "pending"), "denominator"
        ),
        drill=drilldown.COHORT,
    ),
    Figure(
        key="new_in_work",
        label=_("New in work"),
        definition_of=lambda t: (
            _(
                "Candidates out of work at referral whose first competitive job started in "
                "the period, against %(count)s a year pro-rated by FTE and by the share of the "
                "year passed."
            )
            % {"count": t.new_in_work_per_fte_a_year}
        ),
        fields=_new_in_work_fields,
        sources=(NEW_IN_WORK,),
        target_of=lambda t: (
            _("%(count)s a year per FTE, pro-rated") % {"count": t.new_in_work_per_fte_a_year}
        ),
        judge=_judge_new_in_work,
        trend=Trend(
            _("New in work per FTE"), "", lambda row: row["new_in_work_per_fte"], _new_in_work_line
        ),
        columns=tuple(
            map(field_column, ("new_in_work", "new_in_work_per_fte", "new_in_work_target"))
        ),
        summed=("new_in_work",),
        drill=drilldown.JOB_STARTS,
    ),
    Figure(
        key="employer_contacts",
        label=_("Employer contacts per week"),
        definition_of=lambda t: _(
            "Face-to-face contacts with employers per specialist per week in the period."
        ),
        fields=_employer_contacts_fields,
        sources=(MINUTES,),
        target_of=lambda t: _("at least %(count)s") % {"count": t.employer_contacts_per_week},
        judge=_judge_employer_contacts,
        trend=Trend(
            _("Employer contacts per week"),
            "",
            employer_contacts_per_week,
            lambda t: target_line(t.employer_contacts_per_week),
        ),
        columns=(field_column("employer_contacts"), field_column("employer_contacts_per_week")),
        summed=("employer_contacts",),
        drill=drilldown.WEEKS,
    ),
    Figure(
        key="days_to_contact",
        label=_("Days to first employer contact"),
        definition_of=lambda t: _(
            "Median days from intake to the first face-to-face employer contact about "
            "the candidate, for intakes in the period."
        ),
        fields=lambda s: {"days_to_first_employer_contact": s.medians[DAYS_TO_CONTACT.name]},
        sources=(DAYS_TO_CONTACT,),
        target_of=lambda t: _("at most %(days)s days") % {"days": t.days_to_first_employer_contact},
        judge=_judge_days_to_contact,
        trend=Trend(
            _("Days to first employer contact"),
            "",
            lambda row: row["days_to_first_employer_contact"],
            lambda t: target_line(t.days_to_first_employer_contact),
        ),
        columns=(field_column("days_to_first_employer_contact"),),
        drill=drilldown.FIRST_CONTACT,
    ),
    Figure(
        key="employment_rate",
        label=_("Employment rate"),
        definition_of=lambda t: _(
            "Share of the quarter's active caseload, out of work at referral, that worked "
            "in a competitive job at some time in the calendar quarter of the period's end."
        ),
        fields=_employment_rate_fields,
        sources=(EMPLOYMENT,),
        columns=(part_column("employment_rate", "employment_rate", "rate"),),
        cohort=Cohort("employment_rate", ("employed", "active"), "active"),
    ),
    Figure(
        key="job_tenure",
        label=_("Job tenure"),
        definition_of=lambda t: _(
            "Median days in the competitive jobs that started in the period, an open job "
            "counted to the as-of date."
        ),
        fields=lambda s: {"job_tenure_days": s.medians[TENURE.name]},
        sources=(TENURE,),
        columns=(field_column("job_tenure_days"),),
    ),
]


def dashboard_figures() -> list[Figure]:
    """The figures the dashboards show and judge: those with a target."""
    return [figure for figure in FIGURES if figure.judge is not None]


def export_columns() -> list[tuple[Figure | None, Column]]:
    """The one layout of the figures in every export (the dashboards' CSV and
    XLSX, `fidelity_report --format csv`): FTE, then each figure's columns in
    the figures' order, with the figure a column belongs to."""
    return [(None, FTE_COLUMN)] + [(f, column) for f in FIGURES for column in f.columns]


def drill_named(name: str) -> Drill | None:
    """The drill-down of a figure by its name, None for any other name."""
    return next((f.drill for f in FIGURES if f.drill and f.drill.name == name), None)


def trended_figures() -> list[Figure]:
    """The figures with a 12-month chart."""
    return [figure for figure in FIGURES if figure.trend is not None]
