import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from conftest import PERSONAS
from thidua.core.audit import audit_record, registered_actions
from thidua.core.models import AuditEntry
from thidua.core.tests.xlsx import table_of
from thidua.organizations.models import Unit, User
from thidua.organizations.services import api_token_create, unit_update

pytestmark = pytest.mark.django_db

AUDIT_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": 302, "district_officer": 200}

# Data as the services store it, for the actions the demo data does not perform.
SAMPLES = {
    "api_token.created": {"name": "Một cửa"},
    "api_token.revoked": {"name": "Một cửa"},
    "authority.settings_changed": {
        "changes": {"place_name": ["", "Phú Hữu"], "standing_office": ["", "xa-phong-vhxh"]},
        "reason": "Sau sắp xếp",
    },
    "award.council_rule_changed": {"reason": "Quy chế mới", "changed": {"quorum": ["0.67", "0.80"]}},
    "award.certificate_blank_changed": {
        "reason": "Phôi in lại lệch 2 mm",
        "changed": {"fields.recipient": {"y": [148.0, 150.0]}},
    },
    "award.entry_withdrawn": {},
    "award.flag_lifted": {"until": "2022-01-31", "reason": "Đã xong thanh tra"},
    "award.tie_settled": {"unit": "Ủy ban nhân dân xã Long Phú", "chair_agrees": True},
    "award.report_returned": {"version": 1, "reason": "Bổ sung minh chứng"},
    "award.decision_amended": {
        "number": "05/QĐ-UBND",
        "corrects": "01/QĐ-UBND",
        "reason": "Sửa tên đơn vị",
        "removed": [],
        "renamed": {"Ủy ban nhân dân xã Long Phú": "Ủy ban nhân dân xã Long Phú (sửa)"},
        "earlier": 0,
    },
    "award.decision_revoked": {"number": "06/QĐ-UBND", "corrects": "01/QĐ-UBND", "reason": "Sai đối tượng"},
    "user.password_reset": {"username": "canbo1"},
    "user.password_changed": {"username": "canbo1"},
    "document.number_issued": {"number": "01/BB-UBND", "reference": "x", "issued_on": "2021-05-01"},
    "campaign.extended": {"new_end": "2026-06-30", "document": "12/QĐ-UBND"},
    "campaign.updated": {
        "changes": {"period_end": ["2026-12-31", "2027-06-30"], "participating_kinds": [["district"], []]},
        "reason": "Theo kế hoạch của tỉnh",
    },
    "campaign.signed_plan_attached": {"changes": {"signed_plan": [None, "ke-hoach.pdf"]}, "reason": ""},
    "target.removed": {"indicator": "office_culture", "reason": "Bỏ chỉ tiêu"},
    "checklist.revised": {
        "code": "vhcs",
        "version": 2,
        "new_version": True,
        "groups": 5,
        "items": 20,
        "reason": "Thêm tiêu chí về dịch vụ công trực tuyến",
    },
    "collection_point.activated": {},
    "collection_point.deactivated": {},
    "inspection.returned": {"reason": "Thiếu ảnh"},
    "membership.revoked": {"user": "canbo1", "role": "unit_officer"},
    "notification.preference_changed": {"before": "each", "email_mode": "digest"},
    "questionnaire.revised": {
        "code": "sipas",
        "version": 2,
        "new_version": True,
        "title": "Phiếu khảo sát",
        "index_rule": "mean",
        "reasons": ["Chờ lâu", "Thái độ"],
        "reason": "Bổ sung câu hỏi về dịch vụ công trực tuyến",
    },
    "questionnaire.created": {"code": "truc-tuyen", "version": 1, "questions": 6},
    "rating.imported": {"collection_point": 1, "rows": 120, "file": "phieu.xlsx", "sha256": "ab12"},
    "rating.paper_entered": {"response": 1, "day": "2026-03-05"},
    "reform_model.discontinued": {"reason": "Không còn áp dụng"},
    "reform_model.evidence_hidden": {"evidence": 1, "name": "anh.jpg"},
    "reform_model.evidence_published": {"evidence": 1, "name": "anh.jpg"},
    "reform_model.evidence_removed": {"name": "anh.jpg"},
    "reform_model.head_returned": {"reason": "Bổ sung số liệu"},
    "reform_model.rejected": {
        "appraisal": 1,
        "criteria": {
            "lawful": "meets",
            "fits_function": "does_not_meet",
            "effective": "meets",
            "replicable": "meets",
        },
        "reason": "Không phù hợp",
    },
    "reform_model.returned": {
        "appraisal": 1,
        "criteria": {
            "lawful": "meets",
            "fits_function": "meets",
            "effective": "does_not_meet",
            "replicable": "meets",
        },
        "reason": "Chưa đo hiệu quả",
    },
    "registration.returned": {"reason": "Sai năm"},
    "report.compiled_edited": {"version": 2, "sections": ["1"]},
    "report.compiled_issued": {"number": "01/BC-UBND", "version": 2},
    "report.compiled_regenerated": {"version": 1},
    "report.due_date_changed": {"due": ["2022-12-16", "2022-12-20"], "reason": "Gia hạn"},
    "report.returned": {"reason": "Bổ sung số liệu"},
    "registration.updated": {"year": 2026},
    "remediation.reopened": {"reason": "Chưa khắc phục"},
    "target.updated": {
        "before": {"comparison": "gte", "threshold": "80", "label": "Văn hóa công sở"},
        "after": {"comparison": "gt", "threshold": "85", "label": "Văn hóa công sở"},
        "reason": "Theo kế hoạch mới",
    },
    "transaction_volume.set": {"year": 2026, "transactions": 1500},
    "unit.merged": {"predecessors": ["xa-a", "xa-b"], "effective": "2025-07-01"},
    "unit.updated": {"changes": {"name": ["Long Phú", "Long Phú mới"], "is_confirmed": ["False", "True"]}},
}


def _table(html: str) -> str:
    return html[html.index("<table") : html.index("</table>")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_audit_trail_access_by_role(world, client_as, persona):
    response = client_as(persona).get("/audit/")
    assert response.status_code == AUDIT_ACCESS[persona]
    if response.status_code == 200:
        assert "Nhật ký" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer_a", "head_a", "council_member"])
def test_audit_export_is_refused_to_other_roles(world, client_as, persona):
    response = client_as(persona).get("/audit/", {"format": "csv"})
    assert response.status_code == 403
    assert "text/csv" not in response.get("Content-Type", "")


def test_every_registered_action_reads_as_a_vietnamese_sentence_on_the_page(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    unit = Unit.objects.filter(parent__isnull=False).first()
    performed = set(AuditEntry.objects.values_list("action", flat=True))
    names = {action.code: str(action.name) for action in registered_actions()}
    codes = set(names)
    assert codes - performed - set(SAMPLES) == set(), "give each new action a sample in SAMPLES"
    with transaction.atomic():
        for code in sorted(codes - performed):
            audit_record(actor=None, action=code, target=unit, unit=unit, data=SAMPLES[code])
    client.force_login(User.objects.create_superuser("kiemtra", password="x-Pass-2026"))
    for code in sorted(codes):
        response = client.get("/audit/", {"action": code})
        table = _table(response.content.decode())
        assert response.status_code == 200, code
        assert response.context["page"].paginator.count >= 1, code
        assert {entry.action for entry in response.context["page"]} == {code}
        assert "{'" not in table and "{&#x27;" not in table, code
        assert [raw for raw in codes if raw in table] == [], code
        assert names[code] in table, code


def test_an_approval_reads_as_a_sentence_with_the_criteria_met(world, client_as):
    officer = world.user("district_officer")
    AuditEntry.objects.create(
        actor=officer,
        actor_label="Cán bộ Phòng Nội vụ",
        unit=world.unit_a,
        action="reform_model.approved",
        target_type="initiatives.reformmodel",
        target_id="1",
        target_label="Một cửa liên thông",
        data={
            "appraisal": 1,
            "criteria": {
                "lawful": "meets",
                "fits_function": "meets",
                "effective": "meets",
                "replicable": "meets",
            },
            "reason": "",
        },
    )
    response = client_as("district_officer").get("/audit/", {"action": "reform_model.approved"})
    table = _table(response.content.decode())
    assert (
        "Cán bộ Phòng Nội vụ công nhận mô hình «Một cửa liên thông» của Ủy ban nhân dân thị trấn Long Phú: "
        "đạt 4/4 tiêu chí"
    ) in table
    assert "Chỉ tiêu" not in table
    assert "Đối tượng" in table


def test_changed_fields_read_as_label_old_value_new_value(world, client_as):
    with transaction.atomic():
        unit_update(actor=world.user("district_officer"), unit=world.unit_a, name="Long Phú mới")
    table = _table(client_as("district_officer").get("/audit/", {"action": "unit.updated"}).content.decode())
    assert "Tên: Long Phú → Long Phú mới" in table


def test_the_action_filter_is_a_choice_list_of_registered_actions(world, client_as):
    html = client_as("district_officer").get("/audit/").content.decode()
    select = re.search(r'<select name="action"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    assert '<option value="reform_model.approved">Công nhận mô hình</option>' in select.group(1)
    assert "<datalist" not in html


def test_district_officer_filters_the_trail_by_action_and_unit(world, client_as):
    client = client_as("district_officer")
    page = client.get("/audit/", {"action": "membership.granted", "unit": world.unit_a.pk}).context["page"]
    assert {entry.action for entry in page} == {"membership.granted"}
    assert {entry.unit for entry in page} == {world.unit_a}
    assert len(page) == 2  # officer_a and head_a


def test_an_unknown_action_in_the_filter_is_a_400_listing_nothing(world, client_as):
    response = client_as("district_officer").get("/audit/", {"action": "membership.granted' OR 1=1"})
    assert response.status_code == 400
    assert response.context["page"].paginator.count == 0


def test_audit_trail_filters_by_actor_and_exports_readable_text(world, client_as):
    with transaction.atomic():
        api_token_create(actor=world.user("district_officer"), name="Một cửa", unit=world.unit_a)
    client = client_as("district_officer")
    page = client.get("/audit/", {"actor": "district_officer"}).context["page"]
    assert [entry.action for entry in page] == ["api_token.created"]
    sentence = "Người dùng district_officer tạo mã truy cập API «Một cửa"
    csv_text = client.get("/audit/", {"actor": "district_officer", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert sentence in csv_text
    assert "Tạo mã truy cập API" in csv_text
    assert "{'" not in csv_text
    xlsx = client.get("/audit/", {"actor": "district_officer", "format": "xlsx"})
    rows = table_of(xlsx.content)
    assert rows[0][:6] == ("Thời điểm", "Người thực hiện", "Đơn vị", "Thao tác", "Đối tượng", "Nội dung")
    assert rows[1][5].startswith(sentence)
    assert not any("{'" in str(cell) for row in rows for cell in row)


def test_a_reversed_date_range_is_a_400_with_a_message(world, client_as):
    response = client_as("district_officer").get(
        "/audit/", {"date_from": "10/05/2021", "date_to": "01/05/2021"}
    )
    assert response.status_code == 400
    assert "Ngày kết thúc trước ngày bắt đầu." in response.content.decode()
    assert response.context["page"].paginator.count == 0
