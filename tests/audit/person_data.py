"""Which views show no person data, each with the reason.

Every other view must carry @shows_person_data (audit.decorators): it writes
an access entry and sends Cache-Control: no-store. test_person_data_views.py
walks the URL resolver: a view neither marked nor listed here fails, so a new
page is flagged until someone decides which it is. A listed page that shows a
candidate's name anyway fails too (the name check there).
"""

LOGIN = "the user's own login and account security"
STAFF = "staff accounts and teams, no candidate"
AGGREGATES = "aggregated figures; the only names are staff"
POST_REDIRECT = "POST only: answers with a redirect (or an empty htmx answer)"
EMPLOYERS = "employers of the office (organisations), no candidate"
CONTACT_PERSON = "an employer's contact person: work contact details, not a candidate's"

NO_PERSON_DATA = {
    "home": "links to the user's own pages",
    "login": LOGIN,
    "logout": LOGIN,
    "two_factor:setup": LOGIN,
    "two_factor:qr": LOGIN,
    "two_factor:setup_complete": LOGIN,
    "two_factor:backup_tokens": LOGIN,
    "password_change": LOGIN,
    "password_change_done": LOGIN,
    "password_reset": LOGIN,
    "password_reset_done": LOGIN,
    "password_reset_confirm": LOGIN,
    "password_reset_complete": LOGIN,
    "second_factor_confirm": LOGIN,
    "enrolment_needed": LOGIN,
    "enrolment_password": LOGIN,
    "enrolment_start": LOGIN,
    "account_enrolment_link": STAFF,
    "set_language": "switches the language",
    "account_list": STAFF,
    "account_reset_second_factor": POST_REDIRECT,
    "account_unlock": POST_REDIRECT,
    "activity_delete": POST_REDIRECT,
    "activity_employer_options": EMPLOYERS,
    "employer_list": EMPLOYERS,
    "employer_create": EMPLOYERS,
    "employer_edit": EMPLOYERS,
    "contact_person_create": CONTACT_PERSON,
    "contact_person_edit": CONTACT_PERSON,
    "dashboard": "redirects to the role's dashboard",
    "dashboard_team_csv": AGGREGATES,
    "dashboard_team_xlsx": AGGREGATES,
    "dashboard_mine": AGGREGATES,
    "dashboard_mine_csv": AGGREGATES,
    "dashboard_mine_xlsx": AGGREGATES,
    "dashboard_office": AGGREGATES,
    "dashboard_office_csv": AGGREGATES,
    "dashboard_office_xlsx": AGGREGATES,
    "dashboard_comparison": AGGREGATES,
    "dashboard_comparison_csv": AGGREGATES,
    "dashboard_comparison_xlsx": AGGREGATES,
    "dashboard_recompute": POST_REDIRECT,
    "dashboard_recompute_progress": "the progress of a recompute",
    "referral_create": "an empty referral form, or what the user typed: no stored record",
    "account_create": STAFF,
    "account_edit": STAFF,
    "account_deactivate": POST_REDIRECT,
    "account_reactivate": POST_REDIRECT,
    "account_password_link": POST_REDIRECT,
    "team_create": STAFF,
    "import_upload": "counts and the uploaded files' own errors, before anything is stored",
    "import_confirm": "counts of what was imported",
    # The admin's own pages.
    "admin:index": "the list of models",
    "admin:app_list": "the list of models",
    "admin:login": LOGIN,
    "admin:logout": LOGIN,
    "admin:password_change": LOGIN,
    "admin:password_change_done": LOGIN,
    "admin:jsi18n": "translations for the admin's scripts",
    "admin:view_on_site": "a redirect to the record's own page",
    "admin:auth_user_password_change": STAFF,
    "admin:otp_totp_totpdevice_config": LOGIN,
    "admin:otp_totp_totpdevice_qrcode": LOGIN,
    "admin:<unnamed>": "the admin's catch-all: a redirect to the login or a 404",
}

#: Admin models (app_label.ModelName) whose pages show no candidate.
ADMIN_MODELS_WITHOUT_PERSON_DATA = {
    "auth.Group": STAFF,
    "ips.Office": STAFF,
    "ips.Team": STAFF,
    "ips.User": STAFF,
    "employers.Employer": EMPLOYERS + " (contact persons inline)",
    "employers.ContactPerson": CONTACT_PERSON,
    "employers.SubsidyRule": "dated subsidy rates and caps",
    "reports.MetricSnapshot": AGGREGATES,
    "django_celery_beat.PeriodicTask": "the schedule of background jobs",
    "django_celery_beat.ClockedSchedule": "the schedule of background jobs",
    "django_celery_beat.CrontabSchedule": "the schedule of background jobs",
    "django_celery_beat.SolarSchedule": "the schedule of background jobs",
    "django_celery_beat.IntervalSchedule": "the schedule of background jobs",
    "otp_static.StaticDevice": LOGIN,
    "otp_totp.TOTPDevice": LOGIN,
    "axes.AccessAttempt": LOGIN,
    "axes.AccessLog": LOGIN,
    "axes.AccessFailureLog": LOGIN,
    # Names whom each entry is about; reading it is the security officer's own
    # control, and a protected person's recorded contact details are hidden.
    "auditlog.LogEntry": "the audit trail itself",
}
