"""The two questionnaires the district starts with, as data (Vietnamese texts are data, not UI strings).

(a) The SIPAS service questionnaire (domain.md §3): 5 elements, 19 items (4 + 4 + 5 + 3 + 3), an overall
question and a comment; index = mean of the element indices. (b) The short desk rating: an overall score 1–5,
the five elements as quick questions, reasons when the score is 3 or lower; index = share satisfied overall.
"""

ELEMENTS = [
    ["access", "Tiếp cận dịch vụ"],
    ["procedure", "Thủ tục hành chính"],
    ["civil_servant", "Công chức giải quyết công việc"],
    ["result", "Kết quả giải quyết"],
    ["feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"],
]

SCALE = [
    (5, "Rất hài lòng"),
    (4, "Hài lòng"),
    (3, "Bình thường"),
    (2, "Không hài lòng"),
    (1, "Rất không hài lòng"),
]

REASONS = [
    "Phải đi lại nhiều lần",
    "Thời gian giải quyết quá hẹn",
    "Thái độ công chức chưa tốt",
    "Hướng dẫn chưa rõ ràng",
    "Yêu cầu thêm giấy tờ ngoài quy định",
    "Phí, lệ phí không đúng quy định",
    "Cơ sở vật chất chưa đáp ứng",
]

SIPAS_ITEMS = [
    ("access", "a1", "Thông tin về thủ tục được cung cấp qua nhiều hình thức, dễ hiểu"),
    ("access", "a2", "Nơi tiếp nhận hồ sơ có biển chỉ dẫn rõ ràng"),
    ("access", "a3", "Nơi tiếp nhận hồ sơ sạch sẽ, văn minh"),
    ("access", "a4", "Trang thiết bị phục vụ đầy đủ, dễ sử dụng"),
    ("procedure", "p1", "Thủ tục hành chính được niêm yết công khai, dễ thấy, dễ hiểu"),
    ("procedure", "p2", "Thành phần hồ sơ phải nộp đúng quy định"),
    ("procedure", "p3", "Phí, lệ phí phải nộp đúng quy định"),
    ("procedure", "p4", "Thời hạn giải quyết đúng quy định"),
    ("civil_servant", "c1", "Công chức có thái độ lịch sự, tôn trọng"),
    ("civil_servant", "c2", "Công chức trả lời, giải đáp kịp thời, đầy đủ"),
    ("civil_servant", "c3", "Công chức hướng dẫn rõ ràng, chỉ một lần là hoàn thiện hồ sơ"),
    ("civil_servant", "c4", "Công chức tuân thủ đúng quy định"),
    ("civil_servant", "c5", "Công chức tận tình, chu đáo"),
    ("result", "r1", "Kết quả được trả đúng hạn"),
    ("result", "r2", "Kết quả đầy đủ, chính xác"),
    ("result", "r3", "Kết quả công bằng, đúng quy định"),
    ("feedback", "f1", "Có cung cấp hình thức tiếp nhận góp ý, phản ánh, kiến nghị"),
    ("feedback", "f2", "Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý đúng quy định"),
    ("feedback", "f3", "Kết quả xử lý góp ý, phản ánh, kiến nghị được thông báo kịp thời"),
]

DESK_ITEMS = [
    ("access", "access", "Tiếp cận dịch vụ (thông tin, nơi tiếp đón)"),
    ("procedure", "procedure", "Thủ tục hành chính (công khai, đúng quy định)"),
    ("civil_servant", "civil_servant", "Công chức tiếp nhận, giải quyết"),
    ("result", "result", "Kết quả (đúng hạn, chính xác)"),
    ("feedback", "feedback", "Tiếp nhận góp ý, phản ánh"),
]

OVERALL_TEXT = "Nhìn chung, Ông/Bà hài lòng với việc giải quyết thủ tục hành chính ở mức nào?"

DEFINITIONS = [
    {
        "code": "sipas",
        "kind": "sipas",
        "title": "Phiếu khảo sát SIPAS — dịch vụ hành chính công",
        "index_rule": "element_mean",
        "items": SIPAS_ITEMS,
        "overall_required": False,
    },
    {
        "code": "desk",
        "kind": "desk",
        "title": "Đánh giá nhanh tại quầy một cửa",
        "index_rule": "overall_question",
        "items": DESK_ITEMS,
        "overall_required": True,
    },
]


def question_rows(definition: dict) -> list[dict]:
    """Question fields in order: the overall question first for the desk rating, last for SIPAS."""
    items = [
        {"code": code, "element": element, "text": text, "is_overall": False, "required": False}
        for element, code, text in definition["items"]
    ]
    overall = {
        "code": "overall",
        "element": "",
        "text": OVERALL_TEXT,
        "is_overall": True,
        "required": definition["overall_required"],
    }
    rows = [overall, *items] if definition["kind"] == "desk" else [*items, overall]
    for position, row in enumerate(rows, start=1):
        row["position"] = position
    return rows


def seed_questionnaires(questionnaire_model, question_model) -> None:
    """Create version 1 of each questionnaire unless it exists (works with historical models too)."""
    for definition in DEFINITIONS:
        if questionnaire_model.objects.filter(code=definition["code"]).exists():
            continue
        questionnaire = questionnaire_model.objects.create(
            code=definition["code"],
            version=1,
            kind=definition["kind"],
            title=definition["title"],
            index_rule=definition["index_rule"],
            elements=ELEMENTS,
            reasons=REASONS,
            low_score_max=3,
            is_current=True,
        )
        question_model.objects.bulk_create(
            [question_model(questionnaire=questionnaire, **row) for row in question_rows(definition)]
        )
