"""Every figure of the fidelity report in hand-written PostgreSQL, for the benchmark.

Not used by the application. It answers one question: what does the database
need for the whole report when the SQL is written by hand, with everything
the ORM code does not do (several figures per pass, grouping sets, no
role filter)? bench_recompute.py times it beside the reference SQL of the
issue (field minutes and caseloads only) and checks that it gives the same
figures as reports.metrics.

Five queries, each per specialist or per level:
- the specialists with their team and office;
- minutes, field minutes and face-to-face employer contacts per author;
- caseload on the end date and the quarter's employment rate, from the
  enrollments active on the end date or in the quarter;
- the intake cohort: in work within a year and the days to the first
  employer contact (medians at every level), from the enrollments taken in
  during the period;
- the job starts: new in work and job tenure (medians at every level), from
  the competitive placements starting in the period.
"""

import datetime

from django.db import connection

from common.periods import Period
from followup.models import FIELD_LOCATIONS
from reports.metrics import FOLLOW_UP_DAYS

FIELD = ", ".join(f"'{location}'" for location in FIELD_LOCATIONS)


def holder_on(enrollment: str, day: str) -> str:
    """The specialist of the enrollment's latest assignment from on or before `day`."""
    return (
        "(SELECT a.specialist_id FROM candidates_assignment a "  # noqa: S608 - constants only
        f"WHERE a.enrollment_id = {enrollment} AND a.from_date <= {day} "
        "ORDER BY a.from_date DESC LIMIT 1)"
    )


SPECIALISTS = "SELECT id, team_id, office_id FROM ips_user WHERE role = 'specialist'"

MINUTES = f"""
SELECT author_id, SUM(minutes), SUM(minutes) FILTER (WHERE location IN ({FIELD})),
       COUNT(*) FILTER (WHERE mode = 'in_person' AND with_whom = 'employer')
FROM followup_activity WHERE date BETWEEN %(start)s AND %(end)s
GROUP BY author_id
"""  # noqa: S608 - constants only

CASELOAD_AND_EMPLOYMENT = f"""
SELECT holder, COUNT(*) FILTER (WHERE active_on_end),
       COUNT(*) FILTER (WHERE in_quarter),
       COUNT(*) FILTER (WHERE in_quarter AND worked)
FROM (
  SELECT {holder_on("e.id", "%(end)s")} AS holder,
         e.intake_date <= %(end)s AND (e.discharge_date IS NULL OR e.discharge_date > %(end)s)
           AS active_on_end,
         NOT e.employed_at_referral AND e.intake_date <= %(quarter_end)s
           AND (e.discharge_date IS NULL OR e.discharge_date > %(quarter_start)s) AS in_quarter,
         EXISTS (SELECT 1 FROM employers_placement p WHERE p.enrollment_id = e.id
                 AND p.competitive AND p.start_date <= %(quarter_end)s
                 AND (p.end_date IS NULL OR p.end_date >= %(quarter_start)s)) AS worked
  FROM candidates_enrollment e
  WHERE e.intake_date <= GREATEST(%(end)s, %(quarter_end)s)
    AND (e.discharge_date IS NULL OR e.discharge_date > LEAST(%(end)s, %(quarter_start)s))
) t
GROUP BY holder
"""  # noqa: S608 - constants only

INTAKE_COHORT = f"""
WITH cohort AS MATERIALIZED (
  SELECT {holder_on("e.id", "e.intake_date")} AS holder,
         NOT e.employed_at_referral AS out_of_work,
         e.intake_date <= %(followed_up_by)s AS followed_up,
         EXISTS (SELECT 1 FROM employers_placement p WHERE p.enrollment_id = e.id
                 AND p.competitive AND p.start_date >= e.intake_date
                 AND p.start_date - e.intake_date <= {FOLLOW_UP_DAYS}) AS in_work,
         (SELECT MIN(x.date) FROM followup_activity x
          WHERE x.candidate_id = e.candidate_id AND x.mode = 'in_person'
            AND x.with_whom = 'employer' AND x.date >= e.intake_date
            AND x.date <= COALESCE(e.discharge_date, 'infinity'::date)) - e.intake_date AS days
  FROM candidates_enrollment e
  WHERE e.intake_date BETWEEN %(start)s AND %(end)s
)
SELECT GROUPING(u.id, u.team_id, u.office_id), u.id, u.team_id, u.office_id,
       COUNT(*) FILTER (WHERE out_of_work AND followed_up),
       COUNT(*) FILTER (WHERE out_of_work AND followed_up AND in_work),
       COUNT(*) FILTER (WHERE out_of_work AND NOT followed_up),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
FROM cohort JOIN ips_user u ON u.id = cohort.holder AND u.role = 'specialist'
GROUP BY GROUPING SETS ((u.id), (u.team_id), (u.office_id), ())
"""  # noqa: S608 - constants only

JOB_STARTS = f"""
WITH starts AS MATERIALIZED (
  SELECT {holder_on("p.enrollment_id", "p.start_date")} AS holder, p.enrollment_id,
         p.start_date <= %(end)s AND p.start_date >= e.intake_date
           AND NOT EXISTS (SELECT 1 FROM employers_placement q
                           WHERE q.enrollment_id = p.enrollment_id AND q.competitive
                             AND q.start_date >= e.intake_date
                             AND q.start_date < p.start_date) AS first_job,
         CASE WHEN p.start_date <= LEAST(%(end)s, %(as_of)s)
              THEN LEAST(COALESCE(p.end_date, %(as_of)s), %(as_of)s) - p.start_date END
           AS tenure
  FROM employers_placement p JOIN candidates_enrollment e ON e.id = p.enrollment_id
  WHERE p.competitive AND NOT e.employed_at_referral
    AND p.start_date BETWEEN %(start)s AND %(end)s
)
SELECT GROUPING(u.id, u.team_id, u.office_id), u.id, u.team_id, u.office_id,
       COUNT(DISTINCT enrollment_id) FILTER (WHERE first_job),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY tenure)
FROM starts JOIN ips_user u ON u.id = starts.holder AND u.role = 'specialist'
GROUP BY GROUPING SETS ((u.id), (u.team_id), (u.office_id), ())
"""  # noqa: S608 - constants only

#: GROUPING(u.id, u.team_id, u.office_id) of each set.
LEVELS = {3: "specialist", 5: "team", 6: "office", 7: "total"}


def _by_level(rows):
    """{level: {key: values}} from grouping-set rows (grouping, id, team, office, *values)."""
    result = {level: {} for level in LEVELS.values()}
    for grouping, user_id, team_id, office_id, *values in rows:
        level = LEVELS[grouping]
        key = {"specialist": user_id, "team": team_id, "office": office_id, "total": 0}[level]
        result[level][key] = values
    return result


def all_figures(start: datetime.date, end: datetime.date, as_of: datetime.date) -> dict:
    """The raw figures of every specialist (and the medians of every level)."""
    # The report's own quarter rule: the quarter is a definition, not a query.
    quarter = Period.quarter_of(end)
    quarter_start, quarter_end = quarter.start, quarter.end
    # The employment rate is credited to the holder on the quarter's last day,
    # the caseload to the holder on the end date: one subquery serves both.
    assert end == quarter_end, "the hand-written report needs a period ending on a quarter end"
    params = {
        "start": start,
        "end": end,
        "as_of": as_of,
        "quarter_start": quarter_start,
        "quarter_end": quarter_end,
        "followed_up_by": as_of - datetime.timedelta(days=FOLLOW_UP_DAYS),
    }
    with connection.cursor() as cursor:
        cursor.execute(SPECIALISTS)
        specialists = cursor.fetchall()
        cursor.execute(MINUTES, params)
        minutes = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(CASELOAD_AND_EMPLOYMENT, params)
        caseload = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(INTAKE_COHORT, params)
        cohort = _by_level(cursor.fetchall())
        cursor.execute(JOB_STARTS, params)
        starts = _by_level(cursor.fetchall())
    return {
        "specialists": specialists,
        "minutes": minutes,
        "caseload": caseload,
        "cohort": cohort,
        "starts": starts,
    }


def disagreements(hand: dict, report: dict) -> list[str]:
    """Where the hand-written figures differ from reports.metrics' report (empty: none)."""
    found = []

    def check(what, key, expected, got):
        if expected != got:
            found.append(f"{what} {key}: report {expected!r}, hand-written {got!r}")

    for row in report["specialists"]:
        pk = row["id"]
        logged, field, contacts = hand["minutes"].get(pk, (None, None, 0))
        check("logged minutes", pk, row["logged_minutes"], logged or 0)
        check("field minutes", pk, row["field_minutes"], field or 0)
        check("employer contacts", pk, row["employer_contacts"], contacts)
        caseload, active, employed = hand["caseload"].get(pk, (0, 0, 0))
        check("caseload", pk, row["caseload"], caseload)
        check("employment", pk, (row["employment_rate"]["employed"],
                                 row["employment_rate"]["active"]), (employed, active))  # fmt: skip
        denominator, numerator, pending, days = hand["cohort"]["specialist"].get(
            pk, (0, 0, 0, None)
        )
        in_work = row["in_work_within_year"]
        check("in work", pk, (in_work["numerator"], in_work["denominator"], in_work["pending"]),
              (numerator, denominator, pending))  # fmt: skip
        check("days to contact", pk, row["days_to_first_employer_contact"], days)
        new, tenure = hand["starts"]["specialist"].get(pk, (0, None))
        check("new in work", pk, row["new_in_work"], new)
        check("tenure", pk, row["job_tenure_days"], tenure)
    for level, rows in (("team", report["teams"]), ("office", report["offices"])):
        for row in rows:
            days = hand["cohort"][level].get(row["id"], (None,) * 4)[3]
            check(f"{level} days to contact", row["id"], row["days_to_first_employer_contact"],
                  days)  # fmt: skip
            tenure = hand["starts"][level].get(row["id"], (None, None))[1]
            check(f"{level} tenure", row["id"], row["job_tenure_days"], tenure)
    return found
