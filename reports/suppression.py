"""Small groups hidden from analysts, so that nobody can be recognised, and
enough more hidden that no hidden figure can be worked out from the others.

Every summed figure of the comparison (candidates, minutes, the in-work
numerator and denominator, job starts, contacts: what the figures of
reports.figures declare as `summed` or as a `cohort`) is a hierarchy: the total
is the sum of the offices, an office the sum of its teams (plus specialists
without a team). Hiding a small team alone is undone by subtraction: office
3/8 minus the other team's 2/5 gives the hidden 1/3. So each family, a parent
and its children, must hold no hidden figure or at least two: a hidden figure
then always shares its equation with another unknown, and along a tree no
chain of sums and differences isolates it (docs/metrics.md, "Small groups").

`hidden_groups` is the rule on any tree; `mark_comparison` applies it to the
comparison's rows, and the page and both exports read the result.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from reports.figures import FIGURES

#: Groups with fewer candidates than this are not shown to analysts.
MIN_GROUP_SIZE = 5

#: What is hidden of a row: all of it (ROW), or the cohort of a figure (its
#: key: IN_WORK for in work within a year, and so on for each cohort).
ROW, IN_WORK = "row", "in_work"


def _summed() -> tuple[str, ...]:
    """The summed parts of a row about candidates and the work with them
    (pooled figures): what a remainder is made of. Head count and FTE are
    about staff."""
    return tuple(name for figure in FIGURES for name in figure.summed)


def _cohorts() -> list:
    """The figures that are rates over a group of candidates, with their counts."""
    return [(figure.key, figure.cohort) for figure in FIGURES if figure.cohort]


@dataclass(frozen=True)
class Group:
    """A group in a hierarchy where a parent's figure is the sum of its children's.

    `shown` is False for a remainder no page shows (specialists without a
    team); it is taken as known to the reader unless it is hidden. `empty`
    groups are known to hold nothing ("no data"): hiding one protects nothing.
    """

    key: Hashable
    parent: Hashable | None
    size: float
    shown: bool = True
    empty: bool = False


def hidden_groups(groups: Sequence[Group], primary: Iterable[Hashable]) -> frozenset:
    """`primary` and the complementary groups that keep them from being derived.

    While a family (a parent and its children) holds exactly one hidden group,
    hide one more: the smallest shown sibling (non-empty ones, non-zero sizes
    first), else a remainder, else the parent, whose own family is then seen
    to in turn; a hidden parent alone in its family hides its smallest child.
    """
    by_key = {group.key: group for group in groups}
    order = {group.key: n for n, group in enumerate(groups)}
    families: dict[Hashable, list[Group]] = {}
    for group in groups:
        if group.parent in by_key:
            families.setdefault(group.parent, []).append(group)
    hidden = {key for key in primary if key in by_key}

    def smallest(candidates: list[Group]) -> Group | None:
        return min(candidates, key=lambda g: (g.size <= 0, g.size, order[g.key]), default=None)

    while True:
        for parent_key, children in families.items():
            parent = by_key[parent_key]
            if sum(member.key in hidden for member in (parent, *children)) == 1:
                break
        else:
            return frozenset(hidden)
        open_children = [child for child in children if child.key not in hidden]
        shown = [child for child in open_children if child.shown and not child.empty]
        remainders = [child for child in open_children if not child.shown and not child.empty]
        if parent.key in hidden:
            choice = smallest(shown) or smallest(remainders) or smallest(open_children)
        else:
            choice = smallest(shown) or smallest(remainders) or parent
        hidden.add(choice.key)


def _key(row) -> tuple:
    return (row.scope, row.scope_id)


def _parts(figures: dict) -> tuple:
    """The summed parts, then each cohort's counts (0 where a row stored
    before a figure existed lacks them)."""
    parts = [figures.get(name) or 0 for name in _summed()]
    for _key, cohort in _cohorts():
        counts = figures.get(cohort.field) or {}
        parts += [counts.get(name) or 0 for name in cohort.parts]
    return tuple(parts)


def _cohort_sizes() -> dict[str, int]:
    """Where each cohort's size lies in `_parts`."""
    sizes, offset = {}, len(_summed())
    for key, cohort in _cohorts():
        sizes[key] = offset + cohort.parts.index(cohort.size)
        offset += len(cohort.parts)
    return sizes


def _remainder(parent, children) -> tuple | None:
    """What the parent holds beyond its children shown (e.g. specialists
    without a team), or None when it holds nothing more."""
    if parent.figures is None:
        return None
    rest = list(_parts(parent.figures))
    for child in children:
        if child.figures is not None:
            rest = [a - b for a, b in zip(rest, _parts(child.figures), strict=True)]
    return tuple(rest) if any(rest) else None


def mark_comparison(
    *, team_rows, office_of: dict, office_rows, total
) -> tuple[list[Group], frozenset, frozenset]:
    """Set `suppressed` on the rows of the analysts' comparison.

    A row whose caseload on the period's end is under 5 is hidden whole; in a
    row shown, a cohort of 1 to 4 (in work within a year, the employment
    rate) is hidden. Then complementary suppression (`hidden_groups`), first
    for whole rows, then for each cohort on top of them. Returns the tree
    (remainders included) and the keys hidden whole and those whose in-work
    cohort is hidden, for the tests.
    """
    total_key = _key(total) if total is not None else None
    offices = {row.scope_id: row for row in office_rows}
    parent_of = {}
    for row in team_rows:
        office = offices.get(office_of.get(row.scope_id))
        parent_of[_key(row)] = _key(office) if office is not None else total_key
    for row in office_rows:
        parent_of[_key(row)] = total_key
    rows = [*([total] if total is not None else []), *office_rows, *team_rows]
    children_of: dict[Hashable, list] = {}
    for row in rows:
        children_of.setdefault(parent_of.get(_key(row)), []).append(row)

    remainders: list[tuple[Hashable, Hashable, tuple]] = []
    for parent in [*([total] if total is not None else []), *office_rows]:
        rest = _remainder(parent, children_of.get(_key(parent), []))
        if rest is not None:
            remainders.append((("remainder", *_key(parent)), _key(parent), rest))

    caseload, cohort_sizes = _summed().index("caseload"), _cohort_sizes()

    def groups(part: int) -> list[Group]:
        return [
            *(
                Group(
                    _key(row),
                    parent_of.get(_key(row)),
                    0 if row.figures is None else _parts(row.figures)[part],
                    empty=row.figures is None,
                )
                for row in rows
            ),
            *(Group(key, parent, rest[part], shown=False) for key, parent, rest in remainders),
        ]

    small_rows = {
        _key(row)
        for row in rows
        if row.figures is not None and row.figures["caseload"] < MIN_GROUP_SIZE
    } | {key for key, _parent, rest in remainders if rest[caseload] < MIN_GROUP_SIZE}
    hidden_rows = hidden_groups(groups(caseload), small_rows)

    hidden_cohorts = {}
    for figure_key, size in cohort_sizes.items():
        small_cohorts = {
            _key(row)
            for row in rows
            if row.figures is not None and 0 < _parts(row.figures)[size] < MIN_GROUP_SIZE
        } | {key for key, _parent, rest in remainders if 0 < rest[size] < MIN_GROUP_SIZE}
        hidden_cohorts[figure_key] = hidden_groups(groups(size), hidden_rows | small_cohorts)

    for row in rows:
        key = _key(row)
        if key in hidden_rows:
            # ROW hides every figure of the row; its in-work cohort is named too.
            row.suppressed = frozenset({ROW, IN_WORK})
        else:
            row.suppressed = frozenset(
                figure_key for figure_key, hidden in hidden_cohorts.items() if key in hidden
            )
    return groups(caseload), hidden_rows, hidden_cohorts[IN_WORK]
