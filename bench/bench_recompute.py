"""Time a full recompute of a year's fidelity snapshots against a hand-written SQL
GROUP BY computing the same field minutes and caseloads. Run by hand, see README.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trofast_bench \\
        .venv/bin/python bench/bench_recompute.py --scale 5
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str) -> None:
    # Our own manage.py with fixed arguments.
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)  # noqa: S603


def hand_written_sql(start, end, parts=("minutes", "caseload")):
    """Field minutes per author and caseload per holder on `end`, in plain SQL."""
    from django.db import connection

    from candidates.models import Assignment, Enrollment
    from followup.models import FIELD_LOCATIONS, Activity

    activity = Activity._meta.db_table
    enrollment = Enrollment._meta.db_table
    assignment = Assignment._meta.db_table
    field = ", ".join(f"'{location}'" for location in FIELD_LOCATIONS)
    minutes_sql = (
        f"SELECT author_id, SUM(minutes), SUM(CASE WHEN location IN ({field}) "  # noqa: S608
        f"THEN minutes ELSE 0 END) FROM {activity} "
        "WHERE date >= %s AND date <= %s GROUP BY author_id"
    )
    caseload_sql = (
        "SELECT holder, COUNT(*) FROM (SELECT (SELECT a.specialist_id "  # noqa: S608
        f"FROM {assignment} a WHERE a.enrollment_id = e.id AND a.from_date <= %s "
        f"ORDER BY a.from_date DESC LIMIT 1) AS holder FROM {enrollment} e "
        "WHERE e.intake_date <= %s AND (e.discharge_date IS NULL OR e.discharge_date > %s)) t "
        "GROUP BY holder"
    )
    minutes = caseloads = None
    with connection.cursor() as cursor:
        if "minutes" in parts:
            cursor.execute(minutes_sql, [start, end])
            minutes = cursor.fetchall()
        if "caseload" in parts:
            cursor.execute(caseload_sql, [end, end, end])
            caseloads = cursor.fetchall()
    return minutes, caseloads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="seed_demo --scale")
    parser.add_argument("--history-years", type=int, default=0, help="seed_demo --history-years")
    parser.add_argument("--year", type=int, help="calendar year (default: last year)")
    parser.add_argument(
        "--repeat", type=int, default=7, help="rounds; the best of each variant counts"
    )
    parser.add_argument("--no-seed", action="store_true", help="use the data already there")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="SET jit = off for this connection (both sides of the comparison)",
    )
    options = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of your own (it gets seeded).")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ips.settings")
    sys.path.insert(0, str(ROOT))

    if not options.no_seed:
        run_manage("migrate", "--no-input", "-v", "0")
        started = time.perf_counter()
        run_manage(
            "seed_demo",
            "--scale",
            str(options.scale),
            "--history-years",
            str(options.history_years),
            "--if-empty",
        )
        print(f"seed_demo: {time.perf_counter() - started:.1f} s")

    import django

    django.setup()
    import hand_written  # bench/hand_written.py, beside this script
    from django.db import connection

    from candidates.models import Enrollment
    from followup.models import Activity
    from ips.models import Role, User
    from reports import metrics, report, services

    # What autovacuum does on a live database: planner statistics, the
    # visibility map (index-only scans) and no dead snapshot rows from earlier
    # runs. Both sides of the comparison benefit.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
    if options.no_jit:
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]

    year = options.year or datetime.date.today().year - 1
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    as_of = datetime.date.today()
    print(
        f"data: {User.objects.filter(role=Role.SPECIALIST).count()} specialists, "
        f"{Enrollment.objects.count()} enrollments, {Activity.objects.count()} activities; "
        f"period {start} – {end}, as of {as_of}; {connection.vendor}, jit {jit}"
    )

    computed = report.fidelity_report(start, end, as_of)
    # Timed in rounds, each running every variant once, so that a slow moment
    # of the machine does not favour one of them; the best round of each counts.
    variants = {
        "recompute": lambda: services.figures_recompute(start=start, end=end, as_of=as_of),
        "report": lambda: report.fidelity_report(start, end, as_of),
        "orm": lambda: (metrics.caseload(end), metrics.activity_minutes(start, end)),
        "sql": lambda: hand_written_sql(start, end),
        # Every figure in hand-written SQL (bench/hand_written.py): what the
        # database needs for the whole report, without the ORM.
        "every": lambda: hand_written.all_figures(start, end, as_of),
        # The least any recompute must do besides its figures: read the
        # period's activities and store the snapshots.
        "scan": lambda: hand_written_sql(start, end, ("minutes",)),
        "write": lambda: services.snapshots_save(report=computed),
    }
    best = dict.fromkeys(variants, float("inf"))
    results = {}
    for _ in range(options.repeat):
        for name, work in variants.items():
            started = time.perf_counter()
            results[name] = work()
            best[name] = min(best[name], time.perf_counter() - started)

    # What the Celery fan-out runs, one task per team, then the offices and the
    # total: here in one process, once (it takes seconds, not milliseconds).
    teams = services.teams_to_recompute()
    started = time.perf_counter()
    for team_id in teams:
        services.team_figures_recompute(team_id=team_id, start=start, end=end, as_of=as_of)
    services.overall_figures_recompute(start=start, end=end, as_of=as_of)
    team_by_team = time.perf_counter() - started

    # The figures must agree before their times mean anything.
    minutes, caseloads = results["sql"]
    by_id = {row["id"]: row for row in computed["specialists"]}
    for author_id, logged, field in minutes:
        if author_id in by_id:
            assert by_id[author_id]["logged_minutes"] == logged, author_id
            assert by_id[author_id]["field_minutes"] == field, author_id
    for holder, count in caseloads:
        if holder in by_id:
            assert by_id[holder]["caseload"] == count, holder
    differences = hand_written.disagreements(results["every"], computed)
    assert not differences, "\n".join(differences[:20])

    ms = {name: f"{seconds * 1000:6.0f} ms" for name, seconds in best.items()}
    sql = best["sql"]
    print(f"full recompute ({results['recompute']} snapshots)        {ms['recompute']}")
    print(f"  the report alone (every figure, no writes) {ms['report']}")
    print(f"  writing the snapshots alone                {ms['write']}")
    print(f"hand-written SQL, minutes + caseload (the reference) {ms['sql']}")
    print(f"  its minutes alone                          {ms['scan']}")
    print(f"hand-written SQL, every figure               {ms['every']}")
    print(f"metrics.py, minutes + caseload               {ms['orm']}")
    print(
        f"the Celery path's work, {len(teams)} team tasks and the overall one, in one process: "
        f"{team_by_team:.1f} s"
    )
    print()
    print(f"full recompute / reference:                         {best['recompute'] / sql:.2f}")
    print(f"hand-written every figure / reference:              {best['every'] / sql:.2f}")
    print(
        "full recompute / (hand-written every figure + writing): "
        f"{best['recompute'] / (best['every'] + best['write']):.2f}"
    )
    print(
        f"report / hand-written every figure:                 {best['report'] / best['every']:.2f}"
    )
    print(f"metrics.py / reference, the same two figures:       {best['orm'] / sql:.2f}")


if __name__ == "__main__":
    main()
