"""Demo reform models of Long Phú district, clearly labelled "Demo", with small generated evidence files.

2021 has a model at every stage of the workflow; 2022 (the plan's last year, the second evaluation round) has
models approved for some units and one left at submission, so its round shows units that meet the model target
and units that miss it. Idempotent: a model is identified by its unit and title, and skipped when it exists.
"""

import struct
import zlib
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.campaigns.models import Campaign
from thidua.initiatives import services
from thidua.initiatives.models import CRITERIA, ModelCategory, ReformModel, Verdict
from thidua.organizations.models import Unit, User

ALL_MEET = {code: Verdict.MEETS for code, _label in CRITERIA}
COMMENTS = {
    "lawful": "Phù hợp Quyết định 129/2007/QĐ-TTg về văn hóa công sở.",
    "fits_function": "Gắn với nhiệm vụ tiếp nhận, trả kết quả tại bộ phận một cửa.",
    "effective": "Có số liệu đo trước và sau khi áp dụng.",
    "replicable": "Cách làm đơn giản, đơn vị khác áp dụng được ngay.",
}


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with a line of ASCII text (enough for any viewer to open)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def demo_png(rgb: tuple[int, int, int] = (46, 125, 50), size: int = 32) -> bytes:
    """A small solid-colour PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


FOUR_XIN = {
    "title": "Demo: Mô hình “4 xin, 4 luôn” tại bộ phận một cửa",
    "category": ModelCategory.SERVICE_DELIVERY,
    "problem": "Demo: Người dân phản ánh thái độ giao tiếp của công chức tại bộ phận tiếp nhận và trả kết quả chưa "
    "thân thiện; việc thực hiện văn hóa công sở chưa đồng đều.",
    "solution": "Demo: Công chức bộ phận một cửa thực hiện “4 xin” (xin chào, xin lỗi, xin cảm ơn, xin phép) và "
    "“4 luôn” (luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ), gắn với quy tắc ứng xử văn hóa công sở; "
    "niêm yết bộ quy tắc tại quầy và lấy ý kiến người dân hằng tháng.",
    "started_on": date(2021, 5, 15),
    "minutes_saved_per_dossier": Decimal("10"),
    "minutes_saved_method": "Demo: so sánh thời gian tiếp nhận bình quân 100 hồ sơ trước và sau khi áp dụng.",
    "trips_avoided_per_dossier": Decimal("0.5"),
    "trips_avoided_method": "Demo: số lần người dân phải bổ sung hồ sơ theo sổ theo dõi một cửa.",
    "people_served_per_year": 4200,
    "people_served_method": "Demo: số hồ sơ tiếp nhận năm 2021 trên phần mềm một cửa.",
}
MODELS = [
    # (unit code, content, officer, steps) — steps: how far through the workflow the demo model goes
    ("lp-tt-long-phu", FOUR_XIN, "canbo1", "exemplary"),
    (
        "lp-phong-tu-phap",
        {
            "title": "Demo: “Nụ cười công sở” trong chứng thực",
            "category": ModelCategory.CIVIL_SERVICE,
            "problem": "Demo: Thời gian chờ chứng thực dài, người dân chưa hài lòng về văn hóa công sở khi giao tiếp.",
            "solution": "Demo: Bố trí ghế chờ, số thứ tự, công chức đeo thẻ và chào hỏi người dân theo quy tắc "
            "văn hóa công sở; công khai thủ tục chứng thực tại quầy.",
            "started_on": date(2021, 6, 1),
            "minutes_saved_per_dossier": Decimal("7.5"),
            "minutes_saved_method": "Demo: bấm giờ 50 lượt chứng thực trong hai tuần trước và sau.",
        },
        None,
        "approved",
    ),
    (
        "lp-tt-dai-ngai",
        {
            "title": "Demo: Giữ xe miễn phí cho người dân đến giao dịch",
            "category": ModelCategory.SERVICE_DELIVERY,
            "problem": "Demo: Người dân phải trả phí giữ xe khi đến làm thủ tục, chưa thể hiện văn hóa công sở.",
            "solution": "Demo: Bố trí bãi giữ xe miễn phí có biển thông báo, công chức hướng dẫn nơi để xe.",
            "started_on": date(2021, 7, 1),
            "cost_saved_per_year": Decimal("12000000"),
            "cost_saved_method": "Demo: 2.000 đồng × khoảng 6.000 lượt giao dịch mỗi năm.",
        },
        None,
        "submitted",
    ),
    (
        "lp-phong-vh-tt",
        {
            "title": "Demo: Ngày thứ Sáu xanh - sạch - đẹp tại công sở",
            "category": ModelCategory.COMMUNICATION,
            "problem": "Demo: Phòng làm việc chưa gọn gàng, chưa đạt tiêu chí văn hóa công sở “xanh, sạch, đẹp”.",
            "solution": "Demo: Sáng thứ Sáu hằng tuần toàn thể công chức dọn dẹp, sắp xếp phòng làm việc.",
            "started_on": date(2021, 9, 3),
        },
        None,
        "draft",
    ),
]


# The plan's second year: (unit code, content, officer, steps), as MODELS.
MODELS_2022 = [
    (
        "lp-tt-long-phu",
        {
            "title": "Demo: Trả kết quả hồ sơ qua dịch vụ bưu chính công ích",
            "category": ModelCategory.SERVICE_DELIVERY,
            "problem": "Demo: Người dân ở ấp xa phải đến bộ phận một cửa hai lần để nộp hồ sơ và nhận kết quả; "
            "văn hóa công sở chưa gắn với việc phục vụ tận nơi.",
            "solution": "Demo: Bộ phận một cửa tư vấn và đăng ký trả kết quả qua bưu điện ngay khi tiếp nhận, "
            "công chức gọi điện báo trước theo quy tắc ứng xử văn hóa công sở.",
            "started_on": date(2022, 3, 1),
            "trips_avoided_per_dossier": Decimal("1"),
            "trips_avoided_method": "Demo: số hồ sơ trả qua bưu điện theo sổ theo dõi năm 2022.",
            "people_served_per_year": 1500,
            "people_served_method": "Demo: số hồ sơ đăng ký trả kết quả qua bưu điện năm 2022.",
        },
        "canbo1",
        "approved",
    ),
    (
        "lp-xa-long-phu",
        {
            "title": "Demo: Hộp thư góp ý điện tử về văn hóa công sở",
            "category": ModelCategory.COMMUNICATION,
            "problem": "Demo: Ý kiến của người dân về thái độ phục vụ, văn hóa công sở chỉ ghi trên sổ, "
            "xử lý chậm.",
            "solution": "Demo: Mã QR tại quầy một cửa dẫn đến hộp thư góp ý; ý kiến được trả lời trong 5 ngày "
            "làm việc và công khai hằng tháng.",
            "started_on": date(2022, 4, 1),
        },
        "canbo2",
        "approved",
    ),
    (
        "lp-tt-dai-ngai",
        {
            "title": "Demo: Ngày thứ Năm không hẹn lại",
            "category": ModelCategory.PROCEDURES,
            "problem": "Demo: Nhiều hồ sơ đơn giản bị hẹn lại ngày khác, người dân chưa hài lòng với văn hóa "
            "công sở tại bộ phận một cửa.",
            "solution": "Demo: Mỗi thứ Năm, hồ sơ chứng thực, xác nhận được giải quyết trong ngày; lãnh đạo trực "
            "tại bộ phận một cửa.",
            "started_on": date(2022, 2, 17),
            "minutes_saved_per_dossier": Decimal("30"),
            "minutes_saved_method": "Demo: so sánh thời gian trả kết quả 80 hồ sơ trước và sau khi áp dụng.",
        },
        None,
        "approved",
    ),
    (
        "lp-phong-tu-phap",
        {
            "title": "Demo: Chứng thực bản sao điện tử từ bản chính",
            "category": ModelCategory.DIGITAL_GOVERNMENT,
            "problem": "Demo: Người dân phải chờ lấy bản sao chứng thực giấy; quầy chứng thực đông, ảnh hưởng "
            "văn hóa công sở khi giao tiếp.",
            "solution": "Demo: Cấp bản sao điện tử chứng thực từ bản chính trên Cổng dịch vụ công; công chức "
            "hướng dẫn người dân tại quầy.",
            "started_on": date(2022, 5, 2),
            "minutes_saved_per_dossier": Decimal("15"),
            "minutes_saved_method": "Demo: bấm giờ 40 lượt chứng thực trước và sau khi áp dụng.",
        },
        None,
        "approved",
    ),
    (
        "lp-xa-truong-khanh",
        {
            "title": "Demo: Tổ công nghệ số cộng đồng hỗ trợ nộp hồ sơ trực tuyến",
            "category": ModelCategory.DIGITAL_GOVERNMENT,
            "problem": "Demo: Tỷ lệ hồ sơ trực tuyến thấp; người dân chưa được hướng dẫn theo văn hóa công sở "
            "khi nộp hồ sơ qua mạng.",
            "solution": "Demo: Đoàn viên thanh niên trực tại bộ phận một cửa hướng dẫn người dân nộp hồ sơ "
            "trực tuyến, thanh toán không dùng tiền mặt.",
            "started_on": date(2022, 3, 26),
        },
        None,
        "approved",
    ),
    (
        "lp-xa-tan-hung",
        {
            "title": "Demo: Góc tiếp dân thân thiện",
            "category": ModelCategory.SERVICE_DELIVERY,
            "problem": "Demo: Khu vực chờ chật, thiếu nước uống và hướng dẫn; chưa bảo đảm văn hóa công sở.",
            "solution": "Demo: Bố trí góc chờ có ghế, nước uống, tài liệu hướng dẫn thủ tục; công chức chào hỏi "
            "người dân theo quy tắc văn hóa công sở.",
            "started_on": date(2022, 1, 10),
        },
        None,
        "approved",
    ),
    (
        "lp-xa-chau-khanh",
        {
            "title": "Demo: Nhắn tin báo kết quả hồ sơ",
            "category": ModelCategory.SERVICE_DELIVERY,
            "problem": "Demo: Người dân không biết hồ sơ đã có kết quả, đến hỏi nhiều lần; văn hóa công sở "
            "chưa thể hiện ở việc chủ động thông tin.",
            "solution": "Demo: Bộ phận một cửa nhắn tin báo người dân khi hồ sơ có kết quả.",
            "started_on": date(2022, 6, 1),
        },
        None,
        "submitted",
    ),
]


def _seed_model(
    *, stdout, campaign, year, unit_code, content, officer, head, district_officer, steps
) -> None:
    unit = Unit.objects.get(code=unit_code)
    if ReformModel.objects.filter(unit=unit, title=content["title"]).exists():
        return
    stdout.write(f"  reform model {content['title']}")
    model = services.model_create(actor=officer, unit=unit, campaign=campaign, year=year, **content)
    services.evidence_add(
        actor=officer,
        model=model,
        uploaded=SimpleUploadedFile("bao-cao-ket-qua.pdf", demo_pdf("Demo - bao cao ket qua mo hinh")),
        description="Demo: báo cáo kết quả thực hiện mô hình",
        is_public=True,
    )
    if year == 2021:
        services.evidence_add(
            actor=officer,
            model=model,
            uploaded=SimpleUploadedFile("danh-sach-noi-bo.png", demo_png((200, 120, 30))),
            description="Demo: ảnh nội bộ (không công khai)",
            is_public=False,
        )
    if steps == "draft":
        return
    services.model_send_to_head(actor=officer, model=model)
    services.model_submit(actor=head, model=model)
    if steps == "submitted":
        return
    services.model_approve(actor=district_officer, model=model, criteria=ALL_MEET, comments=COMMENTS)
    if steps == "exemplary":
        services.model_recognise(actor=district_officer, model=model)


def seed(*, stdout) -> None:
    district = Unit.objects.get(code="lp-huyen")
    campaign = Campaign.objects.get(issuing_unit=district, number="47/KH-UBND")
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["canbo1", "thutruong1", "canbo2", "noivu"])
    }
    _seed_year(stdout=stdout, campaign=campaign, year=2021, models=MODELS, users=users)

    source = ReformModel.objects.filter(unit__code="lp-tt-long-phu", title=FOUR_XIN["title"]).first()
    commune = Unit.objects.get(code="lp-xa-long-phu")
    if source is not None and not ReformModel.objects.filter(source=source, unit=commune).exists():
        stdout.write("  replication of “4 xin, 4 luôn” by xã Long Phú")
        officer = users.get("canbo2")
        adopted = services.model_adopt(
            actor=officer,
            source=source,
            unit=commune,
            campaign=campaign,
            year=2021,
            started_on=date(2021, 10, 1),
            solution="Demo: Xã Long Phú nhân rộng mô hình “4 xin, 4 luôn” của thị trấn Long Phú tại bộ phận một "
            "cửa, gắn với quy chế văn hóa công sở của xã.",
        )
        services.model_update(
            actor=officer,
            model=adopted,
            minutes_saved_per_dossier=Decimal("5"),
            minutes_saved_method="Demo: so sánh thời gian tiếp nhận 60 hồ sơ trước và sau khi áp dụng.",
        )
        services.evidence_add(
            actor=officer,
            model=adopted,
            uploaded=SimpleUploadedFile("anh-quay-mot-cua.png", demo_png()),
            description="Demo: ảnh quầy một cửa niêm yết “4 xin, 4 luôn”",
            is_public=True,
        )
        services.model_send_to_head(actor=officer, model=adopted)
        # xã Long Phú has no demo head account; the submission is recorded without a signed-in actor.
        services.model_submit(actor=None, model=adopted)
        services.model_approve(actor=users.get("noivu"), model=adopted, criteria=ALL_MEET, comments=COMMENTS)
    # After the 2021 replication, so the 2021 records keep the ids they had before 2022 was added.
    _seed_year(stdout=stdout, campaign=campaign, year=2022, models=MODELS_2022, users=users)
    seed_commune_2026(stdout=stdout)


def _seed_year(*, stdout, campaign, year: int, models, users: dict) -> None:
    for unit_code, content, officer_name, steps in models:
        _seed_model(
            stdout=stdout,
            campaign=campaign,
            year=year,
            unit_code=unit_code,
            content=content,
            officer=users.get(officer_name) if officer_name else None,
            head=users.get("thutruong1") if unit_code == "lp-tt-long-phu" else None,
            district_officer=users.get("noivu"),
            steps=steps,
        )


MODEL_2026 = {
    "title": "Demo: Hẹn giờ giải quyết hồ sơ qua Zalo tại Trung tâm Phục vụ hành chính công",
    "category": ModelCategory.SERVICE_DELIVERY,
    "problem": "Demo: Sau khi hợp nhất hai đơn vị cũ, người dân phải chờ lâu tại Trung tâm Phục vụ hành chính công; "
    "việc giao tiếp theo văn hóa công sở chưa đồng đều giữa các quầy.",
    "solution": "Demo: Người dân đặt lịch nộp hồ sơ qua tài khoản Zalo của xã; công chức nhắc lịch, tiếp đón đúng "
    "giờ theo quy tắc ứng xử văn hóa công sở.",
    "started_on": date(2026, 3, 1),
    "minutes_saved_per_dossier": Decimal("15"),
    "minutes_saved_method": "Demo: so sánh thời gian chờ của 50 hồ sơ trước và sau khi áp dụng.",
}


def seed_commune_2026(*, stdout) -> None:
    """One model of the commune Long Phú's 2026 demo plan, approved by its standing office."""
    from thidua.campaigns.demo import COMMUNE_CODE, NUMBER_2026

    campaign = Campaign.objects.filter(issuing_unit__code=COMMUNE_CODE, number=NUMBER_2026).first()
    if campaign is None or not Unit.objects.filter(code="ct-lp-tt-phvhc").exists():
        return
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["lp.canbo", "lp.giamdoc", "lp.vhxh"])
    }
    _seed_model(
        stdout=stdout,
        campaign=campaign,
        year=2026,
        unit_code="ct-lp-tt-phvhc",
        content=MODEL_2026,
        officer=users.get("lp.canbo"),
        head=users.get("lp.giamdoc"),
        district_officer=users.get("lp.vhxh"),
        steps="approved",
    )
