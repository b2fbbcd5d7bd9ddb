"""Long Phú district as it was from 2021 to 30 June 2025 (domain.md §2), the 2025 reorganisation into communes of
Cần Thơ city, and the demo accounts of both."""

from datetime import date

from thidua.organizations import services
from thidua.organizations.models import AuthoritySettings, Membership, Role, Unit, UnitKind, User

DEMO_PASSWORD = "thidua2021"
DISTRICT_CODE = "lp-huyen"
# District-level bodies ceased when districts were abolished on 1 July 2025.
LAST_DAY = date(2025, 6, 30)

# (code, proper name, official name)
TOWNS = [("lp-tt-long-phu", "Long Phú"), ("lp-tt-dai-ngai", "Đại Ngãi")]
COMMUNES = [
    ("lp-xa-chau-khanh", "Châu Khánh"),
    ("lp-xa-hau-thanh", "Hậu Thạnh"),
    ("lp-xa-long-duc", "Long Đức"),
    ("lp-xa-long-phu", "Long Phú"),
    ("lp-xa-phu-huu", "Phú Hữu"),
    ("lp-xa-song-phung", "Song Phụng"),
    ("lp-xa-tan-hung", "Tân Hưng"),
    ("lp-xa-tan-thanh", "Tân Thạnh"),
    ("lp-xa-truong-khanh", "Trường Khánh"),
]
# (code, name, confirmed, document abbreviation)
AGENCIES = [
    ("lp-phong-noi-vu", "Phòng Nội vụ", True, "PNV"),
    ("lp-phong-tu-phap", "Phòng Tư pháp", True, "PTP"),
    ("lp-phong-tc-kh", "Phòng Tài chính - Kế hoạch", True, "TCKH"),
    ("lp-phong-tn-mt", "Phòng Tài nguyên và Môi trường", True, "TNMT"),
    ("lp-phong-ld-tb-xh", "Phòng Lao động - Thương binh và Xã hội", True, "LĐTBXH"),
    ("lp-phong-vh-tt", "Phòng Văn hóa và Thông tin", True, "VHTT"),
    ("lp-phong-gd-dt", "Phòng Giáo dục và Đào tạo", True, "GDĐT"),
    ("lp-phong-y-te", "Phòng Y tế", True, "PYT"),
    ("lp-thanh-tra", "Thanh tra huyện", True, "TTr"),
    ("lp-van-phong", "Văn phòng HĐND và UBND", True, "VP"),
    ("lp-phong-kt-ht", "Phòng Kinh tế và Hạ tầng", True, "KTHT"),
    ("lp-phong-nn-ptnt", "Phòng Nông nghiệp và Phát triển nông thôn", True, "NNPTNT"),
    ("lp-phong-dan-toc", "Phòng Dân tộc", False, "PDT"),
]
# (code, name, document abbreviation)
PUBLIC_SERVICE_UNITS = [
    ("lp-tt-vh-tt-tt", "Trung tâm Văn hóa - Thể thao và Truyền thanh", "TTVHTT"),
    ("lp-bql-da", "Ban Quản lý dự án đầu tư xây dựng", "BQLDA"),
    ("lp-tt-dv-nn", "Trung tâm Dịch vụ nông nghiệp", "TTDVNN"),
    ("lp-tt-gdnn-gdtx", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "TTGDNN-GDTX"),
]
UNCONFIRMED_NOTE = "Demo: chưa xác nhận với văn bản chính thức (danh sách điển hình của cấp huyện)."

# username, full name, role, unit code
ACCOUNTS = [
    ("noivu", "Cán bộ Phòng Nội vụ (demo)", Role.DISTRICT_OFFICER, DISTRICT_CODE),
    ("chutich", "Chủ tịch UBND huyện (demo)", Role.CHAIRMAN, DISTRICT_CODE),
    ("hoidong1", "Thành viên Hội đồng TĐKT (demo)", Role.COUNCIL_MEMBER, DISTRICT_CODE),
    ("thanhtra", "Thành viên đoàn kiểm tra (demo)", Role.INSPECTOR, DISTRICT_CODE),
    ("xem", "Sở Nội vụ tỉnh — chỉ xem (demo)", Role.VIEWER, DISTRICT_CODE),
    ("canbo1", "Cán bộ đầu mối CCHC thị trấn Long Phú (demo)", Role.UNIT_OFFICER, "lp-tt-long-phu"),
    ("thutruong1", "Chủ tịch UBND thị trấn Long Phú (demo)", Role.UNIT_HEAD, "lp-tt-long-phu"),
    ("canbo2", "Cán bộ đầu mối CCHC xã Long Phú (demo)", Role.UNIT_OFFICER, "lp-xa-long-phu"),
]


def _unit(
    stdout,
    *,
    valid_from: date | None = None,
    valid_to: date | None = LAST_DAY,
    code: str,
    name: str,
    official_name: str,
    kind: str,
    parent: Unit | None,
    is_confirmed: bool = True,
    document_abbreviation: str = "",
    note: str = "",
) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        if document_abbreviation and not existing.document_abbreviation:
            # Demo databases seeded before units carried abbreviations get them on the next run.
            return services.unit_update(
                actor=None, unit=existing, document_abbreviation=document_abbreviation
            )
        return existing
    stdout.write(f"  unit {code}")
    return services.unit_create(
        actor=None,
        code=code,
        name=name,
        official_name=official_name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        is_confirmed=is_confirmed,
        document_abbreviation=document_abbreviation,
        note=note,
    )


def seed(*, stdout) -> None:
    district = _unit(
        stdout,
        code=DISTRICT_CODE,
        name="Long Phú",
        official_name="Ủy ban nhân dân huyện Long Phú",
        kind=UnitKind.DISTRICT,
        parent=None,
        note="Huyện Long Phú, tỉnh Sóc Trăng; mã đơn vị hành chính 946.",
    )
    for code, name in TOWNS:
        _unit(
            stdout,
            code=code,
            name=name,
            official_name=f"Ủy ban nhân dân thị trấn {name}",
            kind=UnitKind.COMMUNE_COMMITTEE,
            parent=district,
        )
    for code, name in COMMUNES:
        _unit(
            stdout,
            code=code,
            name=name,
            official_name=f"Ủy ban nhân dân xã {name}",
            kind=UnitKind.COMMUNE_COMMITTEE,
            parent=district,
        )
    for code, name, confirmed, abbreviation in AGENCIES:
        _unit(
            stdout,
            code=code,
            name=name,
            official_name=name,
            kind=UnitKind.SPECIALIZED_AGENCY,
            parent=district,
            is_confirmed=confirmed,
            document_abbreviation=abbreviation,
            note="" if confirmed else UNCONFIRMED_NOTE,
        )
    for code, name, abbreviation in PUBLIC_SERVICE_UNITS:
        _unit(
            stdout,
            code=code,
            name=name,
            official_name=name,
            kind=UnitKind.PUBLIC_SERVICE_UNIT,
            parent=district,
            is_confirmed=False,
            document_abbreviation=abbreviation,
            note=UNCONFIRMED_NOTE,
        )

    _accounts(stdout, ACCOUNTS)
    _settings(
        stdout,
        district,
        standing_office=Unit.objects.get(code="lp-phong-noi-vu"),
        reason="Demo: Phòng Nội vụ là cơ quan thường trực của huyện (trước 01/07/2025).",
    )
    seed_reorganisation(stdout=stdout)


def _accounts(stdout, accounts) -> None:
    for username, full_name, role, unit_code in accounts:
        user = User.objects.filter(username=username).first()
        if user is None:
            stdout.write(f"  account {username}")
            user = services.user_create(
                actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name
            )
        unit = Unit.objects.get(code=unit_code)
        if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
            services.membership_grant(actor=None, user=user, unit=unit, role=role)


def _settings(stdout, authority: Unit, *, reason: str, **values) -> None:
    """Give the authority its settings once (a later run leaves what its standing office changed)."""
    if AuthoritySettings.objects.filter(authority=authority).exists():
        return
    stdout.write(f"  settings of {authority.code}")
    services.authority_settings_update(actor=None, authority=authority, reason=reason, **values)


# --- 1 July 2025: two levels of local government (NQ 1668/NQ-UBTVQH15) -----------------------------------------

REORGANISED = date(2025, 7, 1)
PROVINCE_CODE = "ct-tp"
COMMUNE_CODE = "ct-xa-long-phu"
# The five communes of Cần Thơ formed from Long Phú's units (Nhơn Mỹ also took two communes of Kế Sách district,
# which the demo does not hold): code, name, predecessor codes.
NEW_COMMUNES = [
    ("ct-xa-dai-ngai", "Đại Ngãi", ["lp-tt-dai-ngai", "lp-xa-long-duc"]),
    ("ct-xa-long-phu", "Long Phú", ["lp-tt-long-phu", "lp-xa-long-phu"]),
    ("ct-xa-nhon-my", "Nhơn Mỹ", ["lp-xa-song-phung"]),
    ("ct-xa-tan-thanh", "Tân Thạnh", ["lp-xa-tan-hung", "lp-xa-chau-khanh", "lp-xa-tan-thanh"]),
    ("ct-xa-truong-khanh", "Trường Khánh", ["lp-xa-hau-thanh", "lp-xa-phu-huu", "lp-xa-truong-khanh"]),
]
# The commune Long Phú's own bodies (NĐ 150/2025): code, name, kind, document abbreviation.
COMMUNE_BODIES = [
    ("ct-lp-van-phong", "Văn phòng HĐND và UBND", UnitKind.SPECIALIZED_AGENCY, "VP"),
    ("ct-lp-phong-kinh-te", "Phòng Kinh tế", UnitKind.SPECIALIZED_AGENCY, "PKT"),
    ("ct-lp-phong-vhxh", "Phòng Văn hóa - Xã hội", UnitKind.SPECIALIZED_AGENCY, "VHXH"),
    ("ct-lp-tt-phvhc", "Trung tâm Phục vụ hành chính công", UnitKind.PUBLIC_SERVICE_UNIT, "TTPVHCC"),
]
ACCOUNTS_2025 = [
    ("sonoivu", "Sở Nội vụ thành phố Cần Thơ — chỉ xem (demo)", Role.VIEWER, PROVINCE_CODE),
    ("lp.vhxh", "Cán bộ Phòng Văn hóa - Xã hội xã Long Phú (demo)", Role.DISTRICT_OFFICER, COMMUNE_CODE),
    ("lp.chutich", "Chủ tịch UBND xã Long Phú (demo)", Role.CHAIRMAN, COMMUNE_CODE),
    ("lp.hoidong1", "Thành viên Hội đồng TĐKT xã Long Phú (demo)", Role.COUNCIL_MEMBER, COMMUNE_CODE),
    ("lp.hoidong2", "Thành viên Hội đồng TĐKT xã Long Phú (demo)", Role.COUNCIL_MEMBER, COMMUNE_CODE),
    ("lp.kiemtra", "Thành viên đoàn kiểm tra xã Long Phú (demo)", Role.INSPECTOR, COMMUNE_CODE),
    (
        "lp.canbo",
        "Cán bộ Trung tâm Phục vụ hành chính công xã Long Phú (demo)",
        Role.UNIT_OFFICER,
        "ct-lp-tt-phvhc",
    ),
    (
        "lp.giamdoc",
        "Giám đốc Trung tâm Phục vụ hành chính công xã Long Phú (demo)",
        Role.UNIT_HEAD,
        "ct-lp-tt-phvhc",
    ),
]


def seed_reorganisation(*, stdout) -> None:
    """Cần Thơ city with its Sở Nội vụ, the five communes formed from Long Phú's units on 01/07/2025 (their
    predecessors end on 30/06/2025 and name them as successors), and the commune Long Phú's bodies, settings and
    accounts."""
    province = _unit(
        stdout,
        code=PROVINCE_CODE,
        name="Cần Thơ",
        official_name="Ủy ban nhân dân thành phố Cần Thơ",
        kind=UnitKind.PROVINCE,
        parent=None,
        valid_to=None,
        note="Demo: thành phố Cần Thơ, gồm cả tỉnh Sóc Trăng cũ từ 01/07/2025 (NQ 202/2025/QH15).",
    )
    office = _unit(
        stdout,
        code="ct-so-noi-vu",
        name="Sở Nội vụ",
        official_name="Sở Nội vụ thành phố Cần Thơ",
        kind=UnitKind.SPECIALIZED_AGENCY,
        parent=province,
        valid_to=None,
        document_abbreviation="SNV",
    )
    for code, name, predecessor_codes in NEW_COMMUNES:
        commune = _unit(
            stdout,
            code=code,
            name=name,
            official_name=f"Ủy ban nhân dân xã {name}",
            kind=UnitKind.COMMUNE_COMMITTEE,
            parent=province,
            valid_from=REORGANISED,
            valid_to=None,
        )
        predecessors = [
            unit
            for unit in Unit.objects.filter(code__in=predecessor_codes)
            if not unit.successors.filter(pk=commune.pk).exists()
        ]
        if predecessors:
            stdout.write(f"  merger into {code}")
            services.unit_merge(
                actor=None, predecessors=predecessors, successor=commune, effective=REORGANISED
            )
    commune = Unit.objects.get(code=COMMUNE_CODE)
    for code, name, kind, abbreviation in COMMUNE_BODIES:
        _unit(
            stdout,
            code=code,
            name=name,
            official_name=name,
            kind=kind,
            parent=commune,
            valid_from=REORGANISED,
            valid_to=None,
            document_abbreviation=abbreviation,
        )
    _settings(
        stdout,
        province,
        standing_office=office,
        standing_office_head_title="Giám đốc Sở Nội vụ",
        reason="Demo: Sở Nội vụ là cơ quan thường trực Hội đồng Thi đua - Khen thưởng thành phố.",
    )
    _settings(
        stdout,
        commune,
        letterhead_superior="THÀNH PHỐ CẦN THƠ",
        letterhead_name="ỦY BAN NHÂN DÂN\nXÃ LONG PHÚ",
        place_name="Long Phú",
        signatory_capacity="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signatory_name="Chủ tịch UBND xã Long Phú (demo)",
        standing_office=Unit.objects.get(code="ct-lp-phong-vhxh"),
        standing_office_head_title="Trưởng phòng Văn hóa - Xã hội",
        reason="Demo: xã Long Phú thành lập từ 01/07/2025; Phòng Văn hóa - Xã hội là cơ quan thường trực.",
    )
    _accounts(stdout, ACCOUNTS_2025)
