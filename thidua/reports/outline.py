"""The usual outline of an administrative-reform report (domain.md §7), seeded as an editable template.

UNSURE: no official outline was found; the standing office changes the sections (headings, guidance, indicator
tables) as its province asks. Indicator codes are those of the registry (``thidua.campaigns.indicators``).
"""

DEFAULT_TEMPLATE_NAME = "Báo cáo kết quả cải cách hành chính (mẫu thường dùng)"
DEFAULT_DESCRIPTION = (
    "Dàn ý thường gặp của báo cáo CCHC định kỳ; chưa tìm thấy mẫu chính thức, cơ quan thường trực điều chỉnh."
)

# (heading, guidance, has narrative, indicator codes, annex)
DEFAULT_SECTIONS = [
    (
        "I. Công tác chỉ đạo, điều hành",
        "Kế hoạch, văn bản chỉ đạo đã ban hành; công tác kiểm tra; tuyên truyền về cải cách hành chính.",
        True,
        [],
        False,
    ),
    (
        "II. Kết quả thực hiện các nhiệm vụ cải cách hành chính",
        "Theo từng lĩnh vực: thể chế, thủ tục hành chính, tổ chức bộ máy, công vụ, tài chính công, chính quyền "
        "số, phục vụ người dân (văn hóa công sở, mô hình, chỉ số hài lòng).",
        True,
        ["reform_models", "satisfaction_index", "office_culture"],
        False,
    ),
    (
        "III. Đánh giá chung",
        "Ưu điểm; hạn chế, tồn tại; nguyên nhân.",
        True,
        [],
        False,
    ),
    ("IV. Nhiệm vụ trọng tâm kỳ tới", "Các nhiệm vụ, giải pháp cho kỳ báo cáo tiếp theo.", True, [], False),
    ("V. Đề xuất, kiến nghị", "Kiến nghị với cấp trên (nếu có).", True, [], False),
    (
        "Phụ lục: Bảng số liệu",
        "Số liệu lấy từ hệ thống cho đơn vị và kỳ báo cáo; đóng băng khi gửi.",
        False,
        ["reform_models", "satisfaction_index", "office_culture", "report_timeliness"],
        True,
    ),
]


def ensure_default_template(ReportTemplate, ReportSection):  # noqa: N803 - models passed in by a migration too
    """The usual outline, created once; a template already there is left as the office edited it."""
    template, created = ReportTemplate.objects.get_or_create(
        name=DEFAULT_TEMPLATE_NAME, defaults={"description": DEFAULT_DESCRIPTION}
    )
    if created:
        for position, (heading, guidance, narrative, indicators, annex) in enumerate(
            DEFAULT_SECTIONS, start=1
        ):
            ReportSection.objects.create(
                template=template,
                position=position,
                heading=heading,
                guidance=guidance,
                has_narrative=narrative,
                indicators=indicators,
                is_annex=annex,
            )
    return template
