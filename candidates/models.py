"""Candidates, their periods of service (enrollments) and who holds them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ips.models import Versioned
from ips.validators import validate_fnr


class ProtectedAddress(models.TextChoices):
    NONE = "", _("No")
    CONFIDENTIAL = "confidential", _("Confidential address (kode 7)")
    STRICTLY_CONFIDENTIAL = "strictly_confidential", _("Strictly confidential address (kode 6)")

    @classmethod
    def level(cls, value: str) -> int:
        """How strict a flag is: none 0, kode 7 1, kode 6 2."""
        return [cls.NONE, cls.CONFIDENTIAL, cls.STRICTLY_CONFIDENTIAL].index(value or cls.NONE)


#: The one answer to a fødselsnummer already used by another record of the
#: office: it names no record and reads the same whoever holds that record.
FNR_TAKEN_MESSAGE = _(
    "This fødselsnummer cannot be saved here: it is already used by a record of this "
    "office. Check the number; if it is right, ask the intake admin to look into it."
)


class Candidate(Versioned):
    """A person who receives or has received job support."""

    #: The address and contact details a protected person's holder alone sees.
    CONTACT_FIELDS = ("phone", "email", "address", "postal_code", "city")

    # Unique within the office (see Meta): another office's ref is another record.
    ref = models.CharField(
        _("import reference"), max_length=64, null=True, blank=True, editable=False
    )
    # The office that holds the person's record: the hard boundary for
    # person data. Every enrollment of the candidate is made by this office;
    # only an accepted transfer moves the record to another office. Empty only
    # for a record not yet tied to any office (an import without an office).
    office = models.ForeignKey(
        "ips.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("office"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    fnr = models.CharField(
        _("fødselsnummer or D-nummer"),
        max_length=11,
        null=True,
        blank=True,
        validators=[validate_fnr],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    protected_address = models.CharField(
        _("protected address"),
        max_length=24,
        choices=ProtectedAddress.choices,
        default=ProtectedAddress.NONE,
        blank=True,
        help_text=_(
            "A confidential or strictly confidential address: contact details are "
            "shown only to the specialist who holds the candidate."
        ),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        # A fødselsnummer is unique within an office, not across offices: an
        # office registers its own record for a person another office also
        # holds, and never learns that the other record exists. The message
        # is the one neutral text the services give (FNR_TAKEN_MESSAGE), never
        # Django's "Constraint … is violated", which would name the rule.
        constraints = [
            models.UniqueConstraint(
                fields=["office", "fnr"],
                condition=Q(fnr__isnull=False, office__isnull=False),
                name="candidate_fnr_unique_in_office",
                violation_error_message=FNR_TAKEN_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["fnr"],
                condition=Q(fnr__isnull=False, office__isnull=True),
                name="candidate_fnr_unique_without_office",
                violation_error_message=FNR_TAKEN_MESSAGE,
            ),
            # Import refs are an office's own identifiers: unique within the
            # office, and among the records not yet tied to an office. The ref
            # leads the index, so a lookup by ref alone uses it too.
            models.UniqueConstraint(
                fields=["ref", "office"],
                condition=Q(ref__isnull=False),
                name="candidate_ref_unique_in_office",
            ),
            models.UniqueConstraint(
                fields=["ref"],
                condition=Q(ref__isnull=False, office__isnull=True),
                name="candidate_ref_unique_without_office",
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name", "birth_date"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_protected(self):
        return bool(self.protected_address)


class Disclosure(models.TextChoices):
    FULL = "full", _("Open about health or substance use with the employer")
    PARTIAL = "partial", _("Partly open")
    NONE = "none", _("Not open")
    UNDECIDED = "undecided", _("Not decided yet")


class VocationalProfile(Versioned):
    """EUSE stage 2: what the candidate wants, has done and needs."""

    candidate = models.OneToOneField(
        Candidate,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("candidate"),
    )
    job_preferences = models.TextField(_("kinds of work wanted"), blank=True)
    preferred_hours = models.CharField(_("preferred hours"), max_length=200, blank=True)
    preferred_places = models.CharField(_("preferred places"), max_length=200, blank=True)
    work_history = models.TextField(_("work history"), blank=True)
    education = models.TextField(_("education"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    support_needs = models.TextField(_("support needs"), blank=True)
    disclosure = models.CharField(
        _("disclosure"),
        max_length=12,
        choices=Disclosure.choices,
        default=Disclosure.UNDECIDED,
        help_text=_("How open the candidate chooses to be with employers. The candidate decides."),
    )
    benefits_counselling_done = models.BooleanField(_("benefits counselling done"), default=False)
    treatment_contact = models.CharField(
        _("treatment contact (behandler)"), max_length=200, blank=True
    )
    nav_adviser = models.CharField(_("NAV adviser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vocational profile")
        verbose_name_plural = _("vocational profiles")

    def __str__(self):
        return str(self.candidate)


class EuseStage(models.IntegerChoices):
    ENGAGEMENT = 1, _("1 Engagement")
    VOCATIONAL_PROFILE = 2, _("2 Vocational profile")
    JOB_FINDING = 3, _("3 Job finding")
    EMPLOYER_ENGAGEMENT = 4, _("4 Employer engagement")
    SUPPORT = 5, _("5 On/off-the-job support")


class DischargeReason(models.TextChoices):
    EMPLOYED_NO_FURTHER_NEED = "employed_no_further_need", _("In work, no further need")
    MOVED = "moved", _("Moved")
    OWN_WISH = "own_wish", _("Wish to end")
    OTHER = "other", _("Other")


class ReferrerKind(models.TextChoices):
    NAV_ADVISER = "nav_adviser", _("NAV adviser")
    TREATMENT_PROVIDER = "treatment_provider", _("Treatment provider")
    SELF = "self", _("The candidate themself")


class EnrollmentQuerySet(models.QuerySet):
    def active_on(self, day):
        """Active on D: intake ≤ D and (no discharge or discharge > D)."""
        return self.filter(intake_date__lte=day).filter(
            Q(discharge_date__isnull=True) | Q(discharge_date__gt=day)
        )

    def with_holder_on(self, day):
        """Annotate `holder_id`: the specialist of the latest assignment with from-date ≤ D."""
        latest = (
            Assignment.objects.filter(enrollment=models.OuterRef("pk"), from_date__lte=day)
            .order_by("-from_date")
            .values("specialist_id")[:1]
        )
        return self.annotate(holder_id=models.Subquery(latest))

    def held_on(self, day):
        """The caseloads on D: enrollments active on D, each annotated with
        `holder_id`, its holder on D. Caseload(S, D) is those held by S."""
        return self.active_on(day).with_holder_on(day)

    def ever_held_by(self, specialists):
        """Enrollments one of `specialists` (a queryset of users) has held at
        some time. Their holder on any date is one of them or someone else who
        held them, so this drops no enrollment they hold on a date; it only
        spares looking up the holder of every other enrollment."""
        held = Assignment.objects.filter(specialist__in=specialists.values("pk"))
        return self.filter(pk__in=held.values("enrollment_id"))


class Enrollment(Versioned):
    """One period of service for a candidate, from referral to discharge."""

    # Unique within the office (see Meta), as the candidate's ref.
    ref = models.CharField(
        _("import reference"), max_length=64, null=True, blank=True, editable=False
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("candidate")
    )
    office = models.ForeignKey(
        "ips.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrollments",
        verbose_name=_("office"),
    )
    referral_date = models.DateField(_("referral date"))
    intake_date = models.DateField(_("intake date"), null=True, blank=True)
    discharge_date = models.DateField(_("discharge date"), null=True, blank=True)
    discharge_reason = models.CharField(
        _("discharge reason"), max_length=32, choices=DischargeReason.choices, blank=True
    )
    employed_at_referral = models.BooleanField(
        _("in paid work at referral"),
        default=False,
        help_text=_("A job-retention case: on sick leave or with a job at risk."),
    )
    euse_stage = models.PositiveSmallIntegerField(
        _("EUSE stage"), choices=EuseStage.choices, default=EuseStage.ENGAGEMENT
    )
    next_contact_date = models.DateField(
        _("next planned contact"),
        null=True,
        blank=True,
        help_text=_("When the specialist plans to be in touch next; shown on the caseload."),
    )
    # The referral (henvisning). Empty for imported enrollments.
    referrer_kind = models.CharField(
        _("referred by"), max_length=24, choices=ReferrerKind.choices, blank=True
    )
    referrer_contact = models.CharField(
        _("referrer's name and contact"), max_length=200, blank=True
    )
    referral_reason = models.TextField(_("reason for the referral"), max_length=1000, blank=True)
    consent_to_share = models.BooleanField(
        _("consent to share information between NAV and the treatment service"), default=False
    )
    # The one-time token of the referral form: a second submission of the
    # same form finds this enrollment instead of opening another.
    referral_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-referral_date"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.CheckConstraint(
                condition=Q(intake_date__isnull=True) | Q(intake_date__gte=F("referral_date")),
                name="enrollment_intake_not_before_referral",
            ),
            # A discharge is not before intake; a referral withdrawn from the
            # waiting list (no intake) is ended not before its referral date.
            models.CheckConstraint(
                condition=Q(discharge_date__isnull=True)
                | (Q(intake_date__isnull=False) & Q(discharge_date__gte=F("intake_date")))
                | (Q(intake_date__isnull=True) & Q(discharge_date__gte=F("referral_date"))),
                name="enrollment_discharge_not_before_intake",
            ),
            models.CheckConstraint(
                condition=(Q(discharge_date__isnull=True) & Q(discharge_reason=""))
                | (Q(discharge_date__isnull=False) & ~Q(discharge_reason="")),
                name="enrollment_discharge_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(euse_stage__gte=1) & Q(euse_stage__lte=5),
                name="enrollment_euse_stage_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["ref", "office"],
                condition=Q(ref__isnull=False),
                name="enrollment_ref_unique_in_office",
            ),
            models.UniqueConstraint(
                fields=["ref"],
                condition=Q(ref__isnull=False, office__isnull=True),
                name="enrollment_ref_unique_without_office",
            ),
        ]
        indexes = [
            models.Index(fields=["intake_date", "discharge_date"]),
            models.Index(fields=["office", "intake_date"]),
            # Active on a day (intake ≤ D and no discharge or discharge > D):
            # with years of discharged history, the few open and recently
            # discharged enrollments are found from the discharge date.
            models.Index(fields=["discharge_date", "intake_date"], name="enrollment_active_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} ({self.referral_date:%Y-%m-%d})"

    def is_active_on(self, day):
        return (
            self.intake_date is not None
            and self.intake_date <= day
            and (self.discharge_date is None or self.discharge_date > day)
        )


class Assignment(models.Model):
    """Which specialist holds an enrollment from which date. Never overwritten:
    a reassignment is a new row, so the history stays."""

    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("enrollment"),
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("specialist"),
    )
    from_date = models.DateField(_("from date"))
    override_reason = models.TextField(_("reason for exceeding the caseload cap"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["enrollment", "-from_date"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "from_date"], name="assignment_one_per_enrollment_and_date"
            ),
        ]
        indexes = [
            # The holder on a date (EnrollmentQuerySet.with_holder_on) is read
            # from this index alone.
            models.Index(
                fields=["enrollment", "-from_date"],
                include=["specialist"],
                name="assignment_holder_idx",
            ),
            models.Index(fields=["specialist", "from_date"]),
        ]

    def __str__(self):
        return f"{self.enrollment} → {self.specialist} ({self.from_date:%Y-%m-%d})"


class StageChange(models.Model):
    """A move from one EUSE stage to another, kept so the candidate's
    timeline shows how the work progressed."""

    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("enrollment"),
    )
    from_stage = models.PositiveSmallIntegerField(_("from stage"), choices=EuseStage.choices)
    to_stage = models.PositiveSmallIntegerField(_("to stage"), choices=EuseStage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("EUSE stage change")
        verbose_name_plural = _("EUSE stage changes")
        indexes = [models.Index(fields=["enrollment", "-changed_at"])]

    def __str__(self):
        return f"{self.enrollment}: {self.from_stage} → {self.to_stage}"


#: A protection change that lowers the flag: to none, or from kode 6 to kode 7.
LIFTED = (Q(to_value="") & ~Q(from_value="")) | Q(
    from_value="strictly_confidential", to_value="confidential"
)


class ProtectionChange(models.Model):
    """A change of the protected-address flag (kode 6/7): who, when, from and
    to. Lowering it (a lift) is kept with the reason and the holder's
    confirmation that the population register no longer has the person
    protected; the team's leaders see it on their dashboard."""

    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        related_name="protection_changes",
        verbose_name=_("candidate"),
    )
    from_value = models.CharField(
        _("from"), max_length=24, choices=ProtectedAddress.choices, blank=True
    )
    to_value = models.CharField(
        _("to"), max_length=24, choices=ProtectedAddress.choices, blank=True
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    register_checked = models.BooleanField(
        _("checked against the population register"), default=False
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("protected-address change")
        verbose_name_plural = _("protected-address changes")
        constraints = [
            # A lift (to a less strict flag) has a reason and the register check.
            models.CheckConstraint(
                condition=~LIFTED | (~Q(reason="") & Q(register_checked=True)),
                name="protection_lift_has_reason_and_check",
            ),
        ]
        indexes = [models.Index(fields=["candidate", "-changed_at"])]

    def __str__(self):
        return f"{self.candidate}: {self.from_value or '-'} → {self.to_value or '-'}"

    @property
    def is_lift(self) -> bool:
        return ProtectedAddress.level(self.to_value) < ProtectedAddress.level(self.from_value)


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    # No other office had a record of the person. Never shown to the
    # requesting office, which gets the same answer whatever happened.
    NO_MATCH = "no_match", _("No record found")


class TransferMatch(models.TextChoices):
    FNR = "fnr", _("Fødselsnummer")
    NAME_AND_BIRTH_DATE = "name_and_birth_date", _("Name and birth date")


class TransferRequest(models.Model):
    """An office asks for the earlier record of a person it has registered.

    The requesting office's own record (`requesting_record`) was matched to a
    record another office holds (`held_record`, by fødselsnummer, else name
    and birth date), or to none. The holding office accepts or declines; on
    acceptance its record moves to the requesting office with its history and
    the requesting record is merged into it. Until then the requesting office
    learns nothing, not even whether a match exists."""

    requesting_office = models.ForeignKey(
        "ips.Office",
        on_delete=models.PROTECT,
        related_name="transfer_requests_sent",
        verbose_name=_("requesting office"),
    )
    requesting_record = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        related_name="transfer_requests_sent",
        verbose_name=_("requesting office's record"),
    )
    holding_office = models.ForeignKey(
        "ips.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer_requests_received",
        verbose_name=_("holding office"),
    )
    held_record = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer_requests_received",
        verbose_name=_("holding office's record"),
    )
    matched_by = models.CharField(
        _("matched by"), max_length=24, choices=TransferMatch.choices, blank=True
    )
    consent = models.BooleanField(
        _("the person agrees that the earlier record is moved"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requesting_record", "held_record"],
                condition=Q(status="pending"),
                name="transfer_one_pending_per_pair",
            ),
            # A request without a match is never pending: nobody can decide it.
            models.CheckConstraint(
                condition=Q(held_record__isnull=False, holding_office__isnull=False)
                | Q(status="no_match"),
                name="transfer_addressed_unless_no_match",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "no_match"])
                | (Q(decided_by__isnull=False, decided_at__isnull=False) & ~Q(decision_reason="")),
                name="transfer_decision_has_who_when_why",
            ),
        ]
        indexes = [models.Index(fields=["holding_office", "status"])]

    def __str__(self):
        return f"{self.requesting_office} → {self.holding_office or '-'} ({self.status})"
