"""The office boundary, the one scoping rule every app shares.

An office is a hard boundary for person data: below superuser, no read
reaches a record of another office, whatever assignments or authorship say.
Each app scopes its own records in its queries module (`candidates_visible_to`
in candidates.queries, `placements_visible_to` in employers.queries,
`activities_visible_to` in followup.queries) and starts from this rule.
Accounts follow their own rule in `ips.accounts` (`users_manageable_by`).
"""

from django.db.models import Q


def office_boundary(user, field: str = "office") -> Q:
    """Records whose `field` is the user's own office; none for a user
    without an office."""
    return Q(**{f"{field}_id": user.office_id}) if user.office_id else Q(pk__in=[])
