"""Complementary suppression: no hidden figure can be worked out by adding or
subtracting the figures shown (reports.suppression).

The check is linear algebra, independent of the rule it checks: each family
gives an equation, parent − Σ children = 0; the figures shown are known, the
hidden ones unknown. A hidden figure is derivable exactly when its unit vector
lies in the row space of those equations, that is when dropping its column
lowers the rank."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.dashboard import Row
from reports.suppression import IN_WORK, MIN_GROUP_SIZE, ROW, Group, hidden_groups, mark_comparison


def rank(matrix: list[list[Fraction]]) -> int:
    rows = [list(row) for row in matrix if any(row)]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def derivable(groups: list[Group], hidden) -> set:
    """The hidden groups whose value follows from the values not hidden."""
    unknowns = [group.key for group in groups if group.key in hidden]
    equations = []
    for parent in groups:
        children = [group for group in groups if group.parent == parent.key]
        if not children:
            continue
        coefficients = {parent.key: Fraction(1)} | {c.key: Fraction(-1) for c in children}
        equations.append([coefficients.get(key, Fraction(0)) for key in unknowns])
    full = rank(equations)
    return {
        key
        for n, key in enumerate(unknowns)
        if rank([row[:n] + row[n + 1 :] for row in equations]) < full
    }


@st.composite
def trees(draw) -> list[Group]:
    """A random tree: each group after the root hangs under an earlier one;
    leaves get sizes, a parent is the sum of its children. Some children
    are remainders no page shows, some leaves are empty ("no data")."""
    count = draw(st.integers(min_value=2, max_value=14))
    parents = [None] + [draw(st.integers(min_value=0, max_value=n - 1)) for n in range(1, count)]
    has_children = set(parents)
    leaf_sizes = {
        n: draw(st.integers(min_value=0, max_value=15))
        for n in range(count)
        if n not in has_children
    }
    sizes: dict[int, int] = {}
    for n in reversed(range(count)):
        sizes[n] = leaf_sizes.get(n, 0) + sum(sizes[c] for c in range(count) if parents[c] == n)
    groups = []
    for n in range(count):
        leaf = n not in has_children
        groups.append(
            Group(
                n,
                parents[n],
                sizes[n],
                shown=n == 0 or not draw(st.booleans()) or not leaf,
                empty=leaf and sizes[n] == 0 and draw(st.booleans()),
            )
        )
    return groups


@settings(max_examples=400, deadline=None)
@given(tree=trees(), extra=st.sets(st.integers(min_value=0, max_value=13), max_size=3))
def test_no_hidden_group_can_be_worked_out_from_the_groups_shown(tree, extra):
    small = {g.key for g in tree if not g.empty and g.size < MIN_GROUP_SIZE}
    primary = small | {g.key for g in tree if g.key in extra and not g.empty}

    hidden = hidden_groups(tree, primary)

    assert primary <= hidden
    assert derivable(tree, hidden) == set()


@given(tree=trees())
def test_nothing_is_hidden_when_every_group_is_large_enough(tree):
    assert hidden_groups(tree, set()) == frozenset()


def test_the_next_smallest_sibling_is_hidden_beside_a_small_one():
    tree = [
        Group("office", None, 17),
        Group("small", "office", 3),
        Group("large", "office", 8),
        Group("medium", "office", 6),
    ]

    assert hidden_groups(tree, {"small"}) == {"small", "medium"}


def test_an_only_child_hides_its_parent_and_the_parents_smallest_sibling():
    tree = [
        Group("total", None, 35),
        Group("a", "total", 3),
        Group("a1", "a", 3),
        Group("b", "total", 13),
        Group("b1", "b", 6),
        Group("b2", "b", 7),
        Group("c", "total", 9),
        Group("c1", "c", 9),
    ]

    assert hidden_groups(tree, {"a1"}) == {"a1", "a", "c", "c1"}


def test_a_remainder_no_page_shows_is_hidden_before_the_parent():
    tree = [
        Group("office", None, 10),
        Group("team", "office", 3),
        Group("without a team", "office", 7, shown=False),
    ]

    assert hidden_groups(tree, {"team"}) == {"team", "without a team"}


def test_a_team_without_data_is_never_the_one_hidden_beside_a_small_one():
    tree = [
        Group("office", None, 3),
        Group("team", "office", 3),
        Group("no data", "office", 0, empty=True),
    ]

    assert hidden_groups(tree, {"team"}) == {"team", "office"}


# --- The comparison's rows --------------------------------------------------


def figures(caseload: int, cohort: int, in_work: int) -> dict:
    return {
        "caseload": caseload,
        "field_minutes": 10 * caseload,
        "logged_minutes": 20 * caseload,
        "new_in_work": in_work,
        "employer_contacts": caseload,
        "in_work_within_year": {"numerator": in_work, "denominator": cohort, "pending": 0},
    }


def pooled(parts: list[dict]) -> dict:
    total = figures(0, 0, 0)
    for part in parts:
        for name in ("caseload", "field_minutes", "logged_minutes", "new_in_work"):
            total[name] += part[name]
        total["employer_contacts"] += part["employer_contacts"]
        for name in ("numerator", "denominator", "pending"):
            total["in_work_within_year"][name] += part["in_work_within_year"][name]
    return total


def holds_something(part: dict) -> bool:
    """Specialists without a team who hold nothing add nothing to any sum:
    their remainder is a known zero, not a group."""
    return bool(part["caseload"] or part["in_work_within_year"]["denominator"])


team_figures = st.builds(
    lambda caseload, cohort, share: figures(caseload, cohort, round(cohort * share)),
    st.integers(min_value=0, max_value=14),
    st.integers(min_value=0, max_value=9),
    st.floats(min_value=0, max_value=1),
)


@st.composite
def comparisons(draw):
    """Offices of teams, some teams without data, and in some offices and in
    the total specialists without a team (seen only in the sums). With the
    tree of groups they make, built here apart from reports.suppression:
    specialists without a team are a remainder under their office (or under
    the total when they have no office either)."""
    team_rows, office_rows, office_of, tree = [], [], {}, []
    for office_id in range(draw(st.integers(min_value=1, max_value=4))):
        parts, office = [], ("office", office_id)
        for _n in range(draw(st.integers(min_value=0, max_value=4))):
            team_id = len(team_rows)
            data = draw(st.none() | team_figures)
            team_rows.append(Row("team", team_id, f"team {team_id}", data))
            office_of[team_id] = office_id
            parts += [data] if data else []
            tree.append(Group(("team", team_id), office, data["caseload"] if data else 0))
        for rest in draw(st.lists(team_figures, max_size=1)):
            parts.append(rest)
            if holds_something(rest):
                tree.append(Group(("remainder", *office), office, rest["caseload"], shown=False))
        if parts:
            office_rows.append(Row("office", office_id, f"office {office_id}", pooled(parts)))
            tree.append(Group(office, ("total", None), office_rows[-1].figures["caseload"]))
        else:
            tree = [group for group in tree if group.parent != office]
    parts = [row.figures for row in office_rows]
    for rest in draw(st.lists(team_figures, max_size=1)):
        parts.append(rest)
        if holds_something(rest):
            tree.append(Group(("remainder", "total", None), ("total", None), 0, shown=False))
    total = Row("total", None, "all", pooled(parts))
    tree.append(Group(("total", None), None, total.figures["caseload"]))
    return team_rows, office_of, office_rows, total, tree


@settings(max_examples=300, deadline=None)
@given(comparison=comparisons())
def test_no_figure_hidden_on_the_comparison_can_be_worked_out(comparison):
    team_rows, office_of, office_rows, total, tree = comparison

    _groups, hidden_rows, hidden_cohorts = mark_comparison(
        team_rows=team_rows, office_of=office_of, office_rows=office_rows, total=total
    )

    rows = [*team_rows, *office_rows, total]
    for row in rows:
        key = (row.scope, row.scope_id)
        if row.figures and row.figures["caseload"] < MIN_GROUP_SIZE:
            assert row.suppressed == {ROW, IN_WORK}
        if row.figures and 0 < row.figures["in_work_within_year"]["denominator"] < MIN_GROUP_SIZE:
            assert IN_WORK in row.suppressed
        assert (ROW in row.suppressed) == (key in hidden_rows)
        assert (IN_WORK in row.suppressed) == (key in hidden_cohorts)
    # Whole rows hide every summed figure; cohorts hide the in-work ones on top.
    assert derivable(tree, hidden_rows) == set()
    assert derivable(tree, hidden_cohorts) == set()
