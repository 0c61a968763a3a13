"""The expected answer of every URL pattern for every role.

Each entry: URL name -> (method, expected) where expected maps a role to a
status code, or to a pair (own record, another team's record) for patterns
that take a record id. Roles: anonymous, password_only (a specialist without
a second factor who has given the password, and no enrolment link), specialist,
leader, intake, analyst, superuser. A URL pattern missing here fails
test_access_matrix.py.
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
    to the page that says they need an enrolment link."""
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
SPECIALIST_AND_LEADER = every(403, specialist=200, leader=200, superuser=200)
SPECIALIST_AND_LEADER_BY_RECORD = every(
    403, specialist=(200, 404), leader=(200, 404), superuser=(200, 200)
)
SPECIALIST_BY_RECORD = every(403, specialist=(200, 404), superuser=(200, 200))
ACCOUNT_ACTION = every(403, leader=(302, 404), intake=(302, 404), superuser=(302, 302))

MATRIX = {
    # leaders land on their dashboard, specialists on their caseload
    "home": ("get", every(200, leader=302, specialist=302)),
    "login": ("get", public(200)),  # a signed-in user may log in as someone else
    "logout": ("get", every(405, password_only=405)),
    # A password alone never starts enrolment: that needs an enrolment link.
    "two_factor:setup": ("get", every(302)),
    "two_factor:qr": ("get", every(404)),
    "two_factor:setup_complete": ("get", every(200)),
    "second_factor_confirm": ("get", every(200)),
    # Enrolment links (own = an unknown token: the page says it is not valid).
    "enrolment_needed": ("get", public(200, password_only=200)),
    "enrolment_password": ("get", public(200, password_only=200)),
    "enrolment_start": ("get", public(200, password_only=200)),
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
    # The specialist's day (candidates/, followup/, employers/ urls). own = kari's
    # candidate, activity, placement; employer and contact person of office Vestfold.
    "caseload": ("get", SPECIALIST_AND_LEADER),
    "candidate_file": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "candidate_timeline": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "candidate_edit": ("get", SPECIALIST_BY_RECORD),
    "candidate_profile_edit": ("get", SPECIALIST_BY_RECORD),
    "candidate_plan": ("get", SPECIALIST_BY_RECORD),
    "candidate_protection": (
        "get",
        every(
            403, specialist=(200, 404), leader=(200, 404), intake=(200, 404), superuser=(200, 200)
        ),
    ),
    "activity_create": ("get", SPECIALIST_AND_LEADER),
    # Only the author edits: the leader and the superuser see kari's activity but get 403.
    "activity_edit": (
        "get",
        every(403, specialist=(200, 404), leader=(403, 404), superuser=(403, 403)),
    ),
    "activity_delete": (
        "post",
        every(403, specialist=(302, 404), leader=(403, 404), superuser=(403, 403)),
    ),
    "activity_candidate_options": ("get", SPECIALIST_AND_LEADER),
    "activity_employer_options": ("get", SPECIALIST_AND_LEADER),
    "my_week": ("get", SPECIALIST_AND_LEADER),
    "employer_list": ("get", SPECIALIST_AND_LEADER),
    "employer_create": ("get", SPECIALIST_AND_LEADER),
    "employer_detail": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "employer_edit": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "contact_person_create": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "contact_person_edit": ("get", SPECIALIST_AND_LEADER_BY_RECORD),
    "placement_create": ("get", SPECIALIST_BY_RECORD),
    "placement_edit": ("get", SPECIALIST_BY_RECORD),
    "placement_end": ("get", SPECIALIST_BY_RECORD),
    # Dashboards (reports/urls.py). Team pages: own = team Horten, other = team Hamar.
    "dashboard": ("get", every(302)),
    "dashboard_team": ("get", LEADER_BY_RECORD),
    "dashboard_team_csv": ("get", LEADER_BY_RECORD),
    "dashboard_team_xlsx": ("get", LEADER_BY_RECORD),
    "dashboard_team_drilldown": ("get", LEADER_BY_RECORD),
    "dashboard_mine": ("get", every(403, specialist=200, superuser=200)),
    "dashboard_mine_csv": ("get", every(403, specialist=200, superuser=200)),
    "dashboard_mine_xlsx": ("get", every(403, specialist=200, superuser=200)),
    "dashboard_mine_drilldown": ("get", every(403, specialist=200, superuser=200)),
    "dashboard_office": ("get", every(403, leader=200, intake=200, superuser=200)),
    "dashboard_office_csv": ("get", every(403, leader=200, intake=200, superuser=200)),
    "dashboard_office_xlsx": ("get", every(403, leader=200, intake=200, superuser=200)),
    "dashboard_comparison": ("get", every(403, analyst=200, superuser=200)),
    "dashboard_comparison_csv": ("get", every(403, analyst=200, superuser=200)),
    "dashboard_comparison_xlsx": ("get", every(403, analyst=200, superuser=200)),
    "dashboard_recompute": ("post", every(302)),
    "dashboard_recompute_progress": ("get", every(200)),
    # Intake (intake/urls.py). Enrollment pages: own = an enrollment of
    # office Vestfold held by team Horten, other = one of office Innlandet.
    "referral_create": ("get", every(403, intake=200, superuser=200)),
    "waiting_list": ("get", every(403, leader=200, intake=200, superuser=200)),
    # own = a referral on office Vestfold's waiting list, other = one of office Innlandet
    "referral_withdraw": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "intake_enrollment": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "assignment_create": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "enrollment_discharge": ("get", LEADER_AND_INTAKE_BY_RECORD),
    # own = the intake enrollment above; asking starts from the office's own record
    "transfer_request_create": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "transfer_list": ("get", every(403, leader=200, intake=200, superuser=200)),
    # own = a request from office Innlandet for kari's candidate (office Vestfold),
    # other = a request from office Vestfold for per's candidate (office Innlandet)
    "transfer_detail": ("get", LEADER_AND_INTAKE_BY_RECORD),
    "account_create": ("get", every(403, intake=200, superuser=200)),
    "account_edit": ("get", every(403, intake=(200, 404), superuser=(200, 200))),
    # own = kari (holds a candidate, so deactivation is refused with a message)
    "account_deactivate": ("post", every(403, intake=(302, 404), superuser=(302, 302))),
    "account_reactivate": ("post", every(403, intake=(302, 404), superuser=(302, 302))),
    "account_password_link": ("post", every(403, intake=(302, 404), superuser=(302, 302))),
    "account_enrolment_link": ("get", every(403, intake=(200, 404), superuser=(200, 200))),
    "team_create": ("get", every(403, intake=200, superuser=200)),
    "import_upload": ("get", every(403, intake=200, superuser=200)),
    "import_confirm": ("post", every(403, intake=302, superuser=302)),
}

# The Django admin: only superusers (staff) get in; everyone else is sent to
# the login page. Checked on the index and every model's list for superusers,
# and on every admin pattern for the other roles.
ADMIN_NAMESPACE = "admin"
