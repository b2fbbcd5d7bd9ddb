"""Long Phú district as it was from 2021 to 30 June 2025 (domain.md §2), and the demo accounts."""

from datetime import date

from thidua.organizations import services
from thidua.organizations.models import Membership, Role, Unit, UnitKind, User

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
        valid_to=LAST_DAY,
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

    for username, full_name, role, unit_code in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            stdout.write(f"  account {username}")
            user = services.user_create(
                actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name
            )
        unit = Unit.objects.get(code=unit_code)
        if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
            services.membership_grant(actor=None, user=user, unit=unit, role=role)
