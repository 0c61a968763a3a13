"""The expected answer of every URL pattern for every role.

Each entry: URL name -> (method, expected) where expected maps a role to a
status code, or to a pair (own record, another team's record) for patterns
that take a record id. Roles: anonymous, password_only (a specialist who has
given the password but not the second factor), specialist, leader, intake,
analyst, superuser. A URL pattern missing here fails test_access_matrix.py.
"""

ROLES = ("anonymous", "password_only", "specialist", "leader", "intake", "analyst", "superuser")
SIGNED_IN = ("specialist", "leader", "intake", "analyst", "superuser")


def every(status, *, anonymous=302, password_only=302, **overrides):
    expected = dict.fromkeys(SIGNED_IN, status)
    expected.update(anonymous=anonymous, password_only=password_only)
    expected.update(overrides)
    return expected


def public(status=200, **overrides):
    """Open to everyone; a user who has given only the password is first sent
    to set up the second factor."""
    expected = dict.fromkeys(ROLES, status)
    expected["password_only"] = 302
    expected.update(overrides)
    return expected


# Who may use a page about a candidate: own = a candidate of team Horten,
# other = a candidate of team Hamar in another office.
LEADER_AND_INTAKE_BY_RECORD = every(
    403, specialist=403, leader=(200, 404), intake=(200, 404), superuser=(200, 200)
)
LEADER_BY_RECORD = every(403, leader=(200, 404), superuser=(200, 200))
ACCOUNT_ACTION = every(403, leader=(302, 404), intake=(302, 404), superuser=(302, 302))

MATRIX = {
    "home": ("get", every(200)),
    "login": ("get", public(200)),  # a signed-in user may log in as someone else
    "logout": ("get", every(405, password_only=405)),
    "two_factor:setup": ("get", every(302, password_only=200)),
    "two_factor:qr": ("get", every(404, password_only=404)),
    "two_factor:setup_complete": ("get", every(200, password_only=200)),
    "two_factor:backup_tokens": ("get", every(200)),
    "password_change": ("get", every(200)),
    "password_change_done": ("get", every(200)),
    "password_reset": ("get", public(200)),
    "password_reset_done": ("get", public(200)),
    "password_reset_confirm": ("get", public(200)),
    "password_reset_complete": ("get", public(200)),
    "set_language": ("post", public(302, password_only=302)),
    "account_list": ("get", every(403, leader=200, intake=200, superuser=200)),
    "account_reset_second_factor": ("post", ACCOUNT_ACTION),
    "account_unlock": ("post", ACCOUNT_ACTION),
    "candidate_access_log": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "candidate_access_log_csv": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "candidate_record_json": ("get", LEADER_BY_RECORD),
    "candidate_record_page": ("get", LEADER_BY_RECORD),
}

# The Django admin: only superusers (staff) get in; everyone else is sent to
# the login page. Checked on the index and every model's list for superusers,
# and on every admin pattern for the other roles.
ADMIN_NAMESPACE = "admin"
