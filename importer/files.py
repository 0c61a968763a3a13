"""The files of the import: their columns and how a row becomes a service call.

`importer/imports.py` reads the files and runs these in dependency order.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from candidates.models import DischargeReason
from candidates.services import assignment_upsert, candidate_upsert, enrollment_upsert
from employers.models import Contract
from employers.services import employer_upsert, normalise_orgnr, placement_upsert
from followup.models import Location, Mode, WithWhom
from followup.services import activity_import
from importer.rows import Context, Row
from ips.models import Role
from ips.services import Outcome, team_upsert, user_upsert


def _import_team(row: Row, context: Context) -> Outcome | None:
    office = row.text("office", required=True)
    name = row.text("team", required=True)
    if context.office is not None and office and office != context.office.name:
        row.error(
            _("office: you can import teams of your own office (%(office)s) only.")
            % {"office": context.office.name}
        )
    if not row.ok:
        return None
    return team_upsert(office_name=office, name=name)[1]


def _import_user(row: Row, context: Context) -> Outcome | None:
    username = row.text("username", required=True)
    role = row.code("role", Role.values, required=True)
    fte = row.decimal("fte")
    team = context.lookup(row, "team", "team")
    if not row.ok:
        return None
    return user_upsert(
        username=username,
        full_name=row.text("full_name"),
        email=row.text("email"),
        role=role,
        team=team,
        fte=fte,
        office=context.office,
    )[1]


def _import_employer(row: Row, context: Context) -> Outcome | None:
    orgnr = normalise_orgnr(row.text("orgnr", required=True))
    name = row.text("name", required=True)
    if not row.ok:
        return None
    return employer_upsert(
        orgnr=orgnr, name=name, industry=row.text("industry"), office=context.office
    )[1]


def _import_candidate(row: Row, context: Context) -> Outcome | None:
    ref = row.text("ref", required=True)
    first_name = row.text("first_name", required=True)
    last_name = row.text("last_name", required=True)
    birth_date = row.date("birth_date", required=True)
    fnr = "".join(row.text("fnr").split()) or None
    if not row.ok:
        return None
    return candidate_upsert(
        ref=ref,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        fnr=fnr,
        office=context.office,
    )[1]


def _import_enrollment(row: Row, context: Context) -> Outcome | None:
    ref = row.text("ref", required=True)
    row.text("candidate_ref", required=True)
    candidate = context.lookup(row, "candidate_ref", "candidate")
    referral_date = row.date("referral_date", required=True)
    intake_date = row.date("intake_date")
    discharge_date = row.date("discharge_date")
    discharge_reason = row.code("discharge_reason", DischargeReason.values)
    employed_at_referral = row.yes_no("employed_at_referral")
    if not row.ok:
        return None
    return enrollment_upsert(
        ref=ref,
        candidate=candidate,
        referral_date=referral_date,
        intake_date=intake_date,
        discharge_date=discharge_date,
        discharge_reason=discharge_reason,
        employed_at_referral=bool(employed_at_referral),
        office=context.office,
    )[1]


def _import_assignment(row: Row, context: Context) -> Outcome | None:
    row.text("enrollment_ref", required=True)
    row.text("username", required=True)
    enrollment = context.lookup(row, "enrollment_ref", "enrollment")
    specialist = context.lookup(row, "username", "user")
    from_date = row.date("from_date", required=True)
    if not row.ok:
        return None
    return assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=from_date)[1]


def _import_placement(row: Row, context: Context) -> Outcome | None:
    row.text("enrollment_ref", required=True)
    row.text("orgnr", required=True)
    enrollment = context.lookup(row, "enrollment_ref", "enrollment")
    employer = context.lookup(row, "orgnr", "employer")
    title = row.text("title", required=True)
    start_date = row.date("start_date", required=True)
    end_date = row.date("end_date")
    hours_per_week = row.decimal("hours_per_week", required=True)
    competitive = row.yes_no("competitive", required=True)
    contract = row.code("contract", Contract.values)
    wage_subsidy_percent = row.integer("wage_subsidy_percent")
    if not row.ok:
        return None
    return placement_upsert(
        enrollment=enrollment,
        employer=employer,
        title=title,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        competitive=competitive,
        contract=contract or Contract.PERMANENT,
        wage_subsidy_percent=wage_subsidy_percent,
    )[1]


def _import_activity(row: Row, context: Context) -> Outcome | None:
    row.text("username", required=True)
    author = context.lookup(row, "username", "user")
    date = row.date("date", required=True)
    minutes = row.integer("minutes", required=True)
    mode = row.code("mode", Mode.values, required=True)
    location = row.code("location", Location.values, required=True)
    with_whom = row.code("with_whom", WithWhom.values, required=True)
    candidate = context.lookup(row, "candidate_ref", "candidate")
    employer = context.lookup(row, "orgnr", "employer")
    note = row.text("note").replace("\r\n", "\n")
    if not row.ok:
        return None
    return activity_import(
        import_key=_activity_key(
            row,
            context,
            [
                author.username,
                date.isoformat(),
                minutes,
                mode,
                location,
                with_whom,
                row.text("candidate_ref"),
                normalise_orgnr(row.text("orgnr")),
                note,
            ],
        ),
        author=author,
        date=date,
        minutes=minutes,
        mode=mode,
        location=location,
        with_whom=with_whom,
        candidate=candidate,
        employer=employer,
        note=note,
    )[1]


def _activity_key(row: Row, context: Context, normalised: list) -> str:
    """sha256 of the normalised row. Two identical rows in one file are two
    activities (two short calls on one day), so the second and later ones
    also carry their occurrence number: a re-import finds the same keys."""
    text = json.dumps(normalised, ensure_ascii=False)
    context.activity_rows[text] += 1
    occurrence = context.activity_rows[text]
    if occurrence > 1:
        text = json.dumps([*normalised, occurrence], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class FileSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    handler: Callable[[Row, Context], Outcome | None]
    #: Columns that may not repeat within the file.
    key_columns: tuple[str, ...] = ()
    #: The kind of record other files refer to by this file's key.
    provides: str | None = None
    #: Model field -> column, to name the column in a service's message.
    columns: dict[str, str] = field(default_factory=dict)

    def key(self, row: Row) -> tuple[str, ...]:
        values = [row.cells.get(column, "").strip() for column in self.key_columns]
        if "orgnr" in self.key_columns:
            index = self.key_columns.index("orgnr")
            values[index] = normalise_orgnr(values[index])
        return tuple(values)

    def refs(self, row: Row) -> list[str]:
        """The values by which other files refer to this row."""
        key = self.key(row)
        if self.provides == "team":
            return [key[1], f"{key[0]} / {key[1]}"]
        return [key[0]]


FILES = (
    FileSpec(
        "teams.csv",
        ("office", "team"),
        (),
        _import_team,
        key_columns=("office", "team"),
        provides="team",
        columns={"name": "team"},
    ),
    FileSpec(
        "users.csv",
        ("username", "full_name", "email", "role", "team", "fte"),
        (),
        _import_user,
        key_columns=("username",),
        provides="user",
        columns={"first_name": "full_name", "last_name": "full_name", "office": "team"},
    ),
    FileSpec(
        "employers.csv",
        ("orgnr", "name", "industry"),
        (),
        _import_employer,
        key_columns=("orgnr",),
        provides="employer",
    ),
    FileSpec(
        "candidates.csv",
        ("ref", "first_name", "last_name", "birth_date"),
        ("fnr",),
        _import_candidate,
        key_columns=("ref",),
        provides="candidate",
    ),
    FileSpec(
        "enrollments.csv",
        (
            "ref",
            "candidate_ref",
            "referral_date",
            "intake_date",
            "discharge_date",
            "discharge_reason",
        ),
        ("employed_at_referral",),
        _import_enrollment,
        key_columns=("ref",),
        provides="enrollment",
        columns={"candidate": "candidate_ref"},
    ),
    FileSpec(
        "assignments.csv",
        ("enrollment_ref", "username", "from_date"),
        (),
        _import_assignment,
        key_columns=("enrollment_ref", "from_date"),
        columns={"enrollment": "enrollment_ref", "specialist": "username"},
    ),
    FileSpec(
        "placements.csv",
        (
            "enrollment_ref",
            "orgnr",
            "title",
            "start_date",
            "end_date",
            "hours_per_week",
            "competitive",
            "contract",
            "wage_subsidy_percent",
        ),
        (),
        _import_placement,
        key_columns=("enrollment_ref", "orgnr", "title", "start_date"),
        columns={"enrollment": "enrollment_ref", "employer": "orgnr"},
    ),
    FileSpec(
        "activities.csv",
        ("username", "date", "minutes", "mode", "location", "with_whom"),
        ("candidate_ref", "orgnr", "note"),
        _import_activity,
        columns={"author": "username", "candidate": "candidate_ref", "employer": "orgnr"},
    ),
)
