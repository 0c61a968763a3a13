"""Small groups hidden from analysts, so that nobody can be recognised, and
enough more hidden that no hidden figure can be worked out from the others.

Every summed figure of the comparison (candidates, minutes, the in-work
numerator and denominator, job starts, contacts) is a hierarchy: the total
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

#: Groups with fewer candidates than this are not shown to analysts.
MIN_GROUP_SIZE = 5

#: What is hidden of a row: all of it, or only its in-work cohort.
ROW, IN_WORK = "row", "in_work"

#: The summed parts of a row about candidates and the work with them (pooled
#: figures): what a remainder is made of. Head count and FTE are about staff.
_SUMMED = (
    "caseload",
    "field_minutes",
    "logged_minutes",
    "new_in_work",
    "employer_contacts",
)
_SUMMED_IN_WORK = ("numerator", "denominator", "pending")


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
    in_work = figures["in_work_within_year"]
    return (
        *(figures.get(name) or 0 for name in _SUMMED),
        *(in_work[name] for name in _SUMMED_IN_WORK),
    )


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
    row shown, an in-work cohort of 1 to 4 is hidden. Then complementary
    suppression (`hidden_groups`), first for whole rows, then for the in-work
    cohorts on top of them. Returns the tree (remainders included) and the
    keys hidden whole and those whose cohort is hidden, for the tests.
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

    caseload, denominator = _SUMMED.index("caseload"), len(_SUMMED) + 1

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

    small_cohorts = {
        _key(row)
        for row in rows
        if row.figures is not None
        and 0 < row.figures["in_work_within_year"]["denominator"] < MIN_GROUP_SIZE
    } | {key for key, _parent, rest in remainders if 0 < rest[denominator] < MIN_GROUP_SIZE}
    hidden_cohorts = hidden_groups(groups(denominator), hidden_rows | small_cohorts)

    for row in rows:
        key = _key(row)
        if key in hidden_rows:
            row.suppressed = frozenset({ROW, IN_WORK})
        elif key in hidden_cohorts:
            row.suppressed = frozenset({IN_WORK})
    return groups(caseload), hidden_rows, hidden_cohorts
