"""Which models django-auditlog follows: every create, change and delete of
person data and of the users who handle it."""

from auditlog.registry import auditlog


def register_audited_models():
    from candidates.models import (
        Assignment,
        Candidate,
        Enrollment,
        ProtectionChange,
        TransferRequest,
        VocationalProfile,
    )
    from employers.models import ContactPerson, Employer, Placement
    from followup.models import Activity
    from ips.models import Office, Team, User

    for model in (
        Candidate,
        VocationalProfile,
        Enrollment,
        Assignment,
        Placement,
        Activity,
        Employer,
        ContactPerson,
        Office,
        ProtectionChange,
        TransferRequest,
    ):
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=["version"])
    if not auditlog.contains(Team):
        auditlog.register(Team, m2m_fields={"leaders"})
    if not auditlog.contains(User):
        auditlog.register(User, exclude_fields=["password", "last_login"])
