import hashlib
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.collation import vietnamese
from thidua.core.text import fold


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province People's Committee")
    DISTRICT = "district", _("District People's Committee")
    SPECIALIZED_AGENCY = "specialized_agency", _("Specialised agency")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Public service unit")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune or town People's Committee")


# People's Committees are collective bodies: their documents say "ỦY BAN NHÂN DÂN" and are signed "TM." (on behalf).
# Each is an issuing authority: a province, a district before 07/2025, a commune.
COMMITTEE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE_COMMITTEE)
# Authorities above the communes: they issue plans and read their units' figures but are not measured themselves.
AUTHORITY_ABOVE_COMMUNES = (UnitKind.PROVINCE, UnitKind.DISTRICT)
COMMITTEE_NAME = "ỦY BAN NHÂN DÂN"
COMMITTEE_ABBREVIATION = "UBND"


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "UnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def overlapping(self, start: date, end: date) -> "UnitQuerySet":
        """Units that existed at some point between start and end, inclusive."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class Unit(models.Model):
    """A unit of government (đơn vị): a People's Committee, a specialised agency or a public service unit.

    Units are never deleted: when they merge (the 2025 reorganisation), the old units get ``valid_to`` and point to
    their successors, and records keep the unit, and so the name, they had.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("Proper name, e.g. An Thạnh."))
    official_name = models.CharField(
        _("official name"),
        max_length=300,
        help_text=_("Full legal name, e.g. Ủy ban nhân dân thị trấn An Thạnh."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("successor units"), symmetrical=False, blank=True, related_name="predecessors"
    )
    is_confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Unchecked when the unit's existence has not been confirmed."),
    )
    document_abbreviation = models.CharField(
        _("document abbreviation"),
        max_length=20,
        blank=True,
        help_text=_(
            "Abbreviation of the unit in the numbers of the documents it issues, e.g. UBND in “Số: 12/QĐ-UBND”."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    search_key = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", vietnamese("name"), "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "kind", "official_name"], name="unit_unique_official_name"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.official_name or self.name

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    @property
    def is_committee(self) -> bool:
        return self.kind in COMMITTEE_KINDS

    def settings_or_none(self) -> "AuthoritySettings | None":
        """The authority's own settings, if it has any (Django caches the answer on the instance)."""
        if not self.is_committee:
            return None
        try:
            return self.authority_settings
        except AuthoritySettings.DoesNotExist:
            return None

    @property
    def authority(self) -> "Unit | None":
        """The issuing authority the unit belongs to: itself for a People's Committee, else the nearest one
        above it."""
        unit: Unit | None = self
        seen: set[int] = set()
        while unit is not None and unit.pk not in seen:
            if unit.is_committee:
                return unit
            seen.add(unit.pk)
            unit = unit.parent
        return None

    @property
    def standing_office(self) -> "Unit | None":
        """The unit that holds the authority's standing office (cơ quan thường trực), as its settings name it."""
        authority = self.authority
        settings = authority.settings_or_none() if authority else None
        return settings.standing_office if settings else None

    def document_name_lines(self) -> list[str]:
        """The unit's name as a document header writes it, in capitals: the authority's letterhead when its
        settings give one, else a People's Committee on two lines ("ỦY BAN NHÂN DÂN" / "HUYỆN AN THẠNH"), any
        other body on one."""
        settings = self.settings_or_none()
        if settings is not None and settings.letterhead_name_lines():
            return settings.letterhead_name_lines()
        name = " ".join((self.official_name or self.name).split()).upper()
        # Either tone placement (ỦY / UỶ) as people type it; both are as long as COMMITTEE_NAME.
        if fold(name).startswith("uy ban nhan dan "):
            return [COMMITTEE_NAME, name[len(COMMITTEE_NAME) :].strip()]
        return [name]

    def document_superior_lines(self) -> list[str]:
        """The superior body written above the issuer's own name (Decree 30/2020, annex I): for a People's
        Committee the lines its settings give (none by default), the parent for an agency or a public service
        unit."""
        if self.is_committee:
            settings = self.settings_or_none()
            return settings.letterhead_superior_lines() if settings is not None else []
        if self.parent is None:
            return []
        return self.parent.document_name_lines()

    @property
    def document_place(self) -> str:
        """The place in the date line: the authority's setting, else the locality where the body sits
        ("An Thạnh, ngày …")."""
        if self.is_committee or self.parent is None:
            settings = self.settings_or_none()
            if settings is not None and settings.place_name:
                return settings.place_name
            return self.name
        return self.parent.document_place

    @property
    def document_text_name(self) -> str:
        """The name the text of a document uses ("Chủ tịch Ủy ban nhân dân xã …"): the authority's setting, else
        the official name."""
        settings = self.settings_or_none()
        if settings is not None and settings.document_name:
            return settings.document_name
        return self.official_name or self.name


class User(AbstractUser):
    """A person who signs in (người dùng). Roles come from memberships, never from Django's is_staff."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when someone else chose the password; every page asks for a new one until it is changed."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    UNIT_HEAD = "unit_head", _("Unit head")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    INSPECTOR = "inspector", _("Inspector")
    COUNCIL_MEMBER = "council_member", _("Council member")
    CHAIRMAN = "chairman", _("Chairman")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A role a user holds in a unit (vai trò). A role held in a unit also covers the units below it."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for a system client (mã truy cập API), scoped to one unit (a district unit covers all below).

    Only the SHA-256 of the token is stored; the token itself is shown once, when created.
    """

    PREFIX = "tdc_"

    name = models.CharField(_("name"), max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name=_("scope unit"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("token hint"), max_length=12, editable=False)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_token(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DocumentType(models.TextChoices):
    """Type abbreviations of administrative documents (Decree 30/2020, annex III); an official letter has none."""

    DECISION = "QĐ", _("Decision")
    PLAN = "KH", _("Plan")
    REPORT = "BC", _("Report")
    PROPOSAL = "TTr", _("Proposal")
    MINUTES = "BB", _("Minutes")
    NOTICE = "TB", _("Notice")
    INVITATION = "GM", _("Invitation")
    OFFICIAL_LETTER = "CV", _("Official letter")


class IssuedDocument(models.Model):
    """An entry in an issuer's register of outgoing documents (sổ đăng ký văn bản đi).

    Sequences restart at 01 every year for each issuer and document type. ``reference`` names what the document
    is about (e.g. ``inspection:12``) so that a document keeps its number when it is downloaded again.
    """

    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="issued_documents"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    type_code = models.CharField(_("document type"), max_length=8, choices=DocumentType.choices)
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_on = models.DateField(_("issued on"))
    number = models.CharField(_("number"), max_length=60)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    reference = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["issuer", "-year", "type_code", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "type_code", "sequence"], name="issued_document_unique_sequence"
            ),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="issued_document_unique_reference"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="issued_document_sequence_positive"),
        ]

    def __str__(self) -> str:
        return f"Số: {self.number}"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class AuthoritySettings(models.Model):
    """The settings of an issuing authority (thiết lập của cơ quan ban hành): a People's Committee of a province,
    of a district before 07/2025, or of a commune. Its documents' letterhead, names and place, its signatory and
    its standing office (cơ quan thường trực) are data, edited by that standing office; an empty field falls back
    to what the unit's own names give."""

    authority = models.OneToOneField(
        Unit,
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="authority_settings",
    )
    document_name = models.CharField(
        _("name in documents"),
        max_length=300,
        blank=True,
        help_text=_("How the text of a document names the authority; empty: its official name."),
    )
    letterhead_superior = models.TextField(
        _("letterhead: lines above"),
        blank=True,
        help_text=_("Lines written above the authority's name in the header, one per line; often empty."),
    )
    letterhead_name = models.TextField(
        _("letterhead: authority's name"),
        blank=True,
        help_text=_("The authority's name in the header, one line each, in capitals; empty: from its name."),
    )
    place_name = models.CharField(
        _("place in the date line"),
        max_length=100,
        blank=True,
        help_text=_("The place written before the date; empty: the unit's name."),
    )
    signatory_capacity = models.TextField(
        _("signatory's capacity"),
        blank=True,
        help_text=_(
            "The lines above the signature, one per line; empty: on behalf of the committee, Chairman."
        ),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    standing_office = models.ForeignKey(
        Unit,
        verbose_name=_("standing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit that does the authority's emulation and reform work."),
    )
    standing_office_head_title = models.CharField(
        _("title of the standing office's head"),
        max_length=200,
        blank=True,
        help_text=_(
            'As the "Theo đề nghị của …" line of a decision writes it; empty: from the unit\'s name.'
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        verbose_name = _("authority settings")
        verbose_name_plural = _("authority settings")

    def __str__(self) -> str:
        return str(self.authority)

    def letterhead_name_lines(self) -> list[str]:
        return [line.upper() for line in _lines(self.letterhead_name)]

    def letterhead_superior_lines(self) -> list[str]:
        return [line.upper() for line in _lines(self.letterhead_superior)]

    def signatory_capacity_lines(self) -> list[str]:
        return [line.upper() for line in _lines(self.signatory_capacity)]

    @property
    def proposer_title(self) -> str:
        """Who proposes awards ("Trưởng phòng Văn hóa - Xã hội"): the setting, else from the office's name."""
        if self.standing_office_head_title:
            return self.standing_office_head_title
        if self.standing_office is None:
            return ""
        name = self.standing_office.name
        if fold(name).startswith("phong "):
            return "Trưởng phòng " + name[len("phòng ") :]
        return "Thủ trưởng " + name
