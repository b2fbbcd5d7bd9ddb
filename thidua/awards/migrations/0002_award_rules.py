"""The national dated data every authority shares: the Giấy khen for a collective for a thematic campaign, who
may give it, the lines its decision cites, the base salary and the cash coefficient (domain.md §5)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

AWARD_CODE = "giay-khen-tap-the-chuyen-de"
LAW_2003 = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi "
    "đua, khen thưởng ngày 16 tháng 11 năm 2013;"
)
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_91 = (
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng;"
)
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng;"
)
# The decree's signing date is not in the brief: the standing office completes the line before using it.
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, "
    "khen thưởng;"
)
LOCAL_GOVERNMENT_2015 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
    "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
)
LOCAL_GOVERNMENT_FEB_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;"
LOCAL_GOVERNMENT_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"

LAST_DISTRICT_DAY = date(2025, 6, 30)
FIRST_COMMUNE_DAY = date(2025, 7, 1)


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardingPower = apps.get_model("awards", "AwardingPower")
    LegalBasisLine = apps.get_model("awards", "LegalBasisLine")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    CashCoefficient = apps.get_model("awards", "CashCoefficient")

    award, created = AwardType.objects.get_or_create(
        code=AWARD_CODE,
        defaults={
            "label": "Giấy khen của Chủ tịch Ủy ban nhân dân tặng tập thể (thi đua theo chuyên đề)",
            "recipient": "collective",
            "is_thematic": True,
            "description": "Khen thưởng thi đua theo chuyên đề (Luật Thi đua, khen thưởng 2022, điều 8, điều 75); "
            "không làm căn cứ đề nghị khen thưởng cống hiến (Nghị định 152/2025/NĐ-CP, điều 4.3).",
        },
    )
    if not created:
        return
    AwardingPower.objects.bulk_create(
        [
            AwardingPower(
                award_type=award,
                authority_kind="district",
                signer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
                legal_basis="Luật Thi đua, khen thưởng, điều 80 (cấp huyện)",
                valid_from=date(2004, 1, 1),
                valid_to=LAST_DISTRICT_DAY,
            ),
            AwardingPower(
                award_type=award,
                authority_kind="commune_committee",
                signer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
                legal_basis="Chính quyền địa phương hai cấp từ 01/07/2025",
                valid_from=FIRST_COMMUNE_DAY,
            ),
        ]
    )
    lines = [
        (1, LOCAL_GOVERNMENT_2015, date(2004, 1, 1), date(2025, 2, 28)),
        (1, LOCAL_GOVERNMENT_FEB_2025, date(2025, 3, 1), LAST_DISTRICT_DAY),
        (1, LOCAL_GOVERNMENT_2025, FIRST_COMMUNE_DAY, None),
        (2, LAW_2003, date(2004, 1, 1), date(2023, 12, 31)),
        (2, LAW_2022, date(2024, 1, 1), None),
        (3, DECREE_91, date(2017, 10, 1), date(2023, 12, 31)),
        (3, DECREE_98, date(2024, 1, 1), LAST_DISTRICT_DAY),
        (3, DECREE_152, FIRST_COMMUNE_DAY, None),
    ]
    LegalBasisLine.objects.bulk_create(
        [
            LegalBasisLine(award_type=award, position=position, text=text, valid_from=start, valid_to=end)
            for position, text, start, end in lines
        ]
    )
    for amount, start, end, basis in [
        (1_490_000, date(2019, 7, 1), date(2023, 6, 30), "Nghị định số 38/2019/NĐ-CP"),
        (1_800_000, date(2023, 7, 1), date(2024, 6, 30), "Nghị định số 24/2023/NĐ-CP"),
        (2_340_000, date(2024, 7, 1), None, "Nghị định số 73/2024/NĐ-CP"),
    ]:
        if not BaseSalary.objects.filter(valid_from=start).exists():
            BaseSalary.objects.create(amount=amount, valid_from=start, valid_to=end, legal_basis=basis)
    CashCoefficient.objects.bulk_create(
        [
            CashCoefficient(
                award_type=award,
                coefficient=Decimal("0.6"),
                valid_from=start,
                valid_to=end,
                legal_basis=basis,
            )
            for start, end, basis in [
                (date(2017, 10, 1), date(2023, 12, 31), "Nghị định số 91/2017/NĐ-CP"),
                (date(2024, 1, 1), LAST_DISTRICT_DAY, "Nghị định số 98/2023/NĐ-CP"),
                (FIRST_COMMUNE_DAY, None, "Nghị định số 152/2025/NĐ-CP, điều 54"),
            ]
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
