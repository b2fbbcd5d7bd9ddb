"""The office-culture checklist as data, from domain.md §4 and the texts it cites.

Legal references cite the article ranges the domain brief gives (QĐ 129/2007/QĐ-TTg: dress art. 5–6, ID card
art. 7, communication art. 8–11, layout art. 12–16) rather than guessing single articles.
"""

from decimal import Decimal

from thidua.inspections.services import ItemSpec

CODE = "van-hoa-cong-so"
TITLE = "Bảng kiểm tra thực hiện văn hóa công sở"
LEGAL_BASES = "\n".join(
    [
        "Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007 của Thủ tướng Chính phủ ban hành Quy chế văn hóa công sở",
        "Quyết định số 06/2008/QĐ-BNV của Bộ Nội vụ (thẻ công chức)",
        "Thông tư số 05/2008/TT-BNV của Bộ Nội vụ (biển tên cơ quan)",
        "Quyết định số 213/2006/QĐ-TTg của Thủ tướng Chính phủ (quản lý công sở)",
        "Chỉ thị số 26/CT-TTg năm 2016 của Thủ tướng Chính phủ (kỷ luật, kỷ cương hành chính)",
        "Quyết định số 1847/QĐ-TTg năm 2018 của Thủ tướng Chính phủ (Đề án văn hóa công vụ)",
    ]
)

LAYOUT_129 = "QĐ 129/2007/QĐ-TTg, Điều 12–16"
COMMUNICATION_129 = "QĐ 129/2007/QĐ-TTg, Điều 8–11"
DISCIPLINE_26 = "Chỉ thị 26/CT-TTg năm 2016"
ONE_STOP_KINDS = ("commune_committee", "specialized_agency")

ITEMS = [
    ItemSpec("layout", "Quốc kỳ, Quốc huy được treo, đặt trang trọng, đúng quy định", LAYOUT_129, Decimal(2)),
    ItemSpec(
        "layout",
        "Biển tên cơ quan đặt tại cổng chính, ghi tên đầy đủ bằng chữ in hoa, kích thước tối thiểu 450 × 350 mm",
        f"{LAYOUT_129}; TT 05/2008/TT-BNV",
    ),
    ItemSpec("layout", "Mỗi phòng làm việc có biển tên ghi tên đơn vị, họ tên, chức danh", LAYOUT_129),
    ItemSpec("layout", "Phòng làm việc gọn gàng, ngăn nắp, sạch sẽ", LAYOUT_129),
    ItemSpec("layout", "Có nơi để xe miễn phí cho người đến giao dịch, có biển báo", LAYOUT_129),
    ItemSpec(
        "layout", "Khu vực chờ có ghế ngồi cho người dân", "QĐ 213/2006/QĐ-TTg", Decimal(1), ONE_STOP_KINDS
    ),
    ItemSpec(
        "layout",
        "Thủ tục hành chính được niêm yết công khai, dễ thấy, dễ đọc",
        "NĐ 61/2018/NĐ-CP",
        Decimal(1),
        ONE_STOP_KINDS,
    ),
    ItemSpec("layout", "Có hòm thư góp ý và số điện thoại đường dây nóng", "QĐ 1847/QĐ-TTg năm 2018"),
    ItemSpec("dress", "Trang phục gọn gàng, lịch sự", "QĐ 129/2007/QĐ-TTg, Điều 5"),
    ItemSpec("dress", "Mặc đồng phục, trang phục riêng theo quy định (nếu có)", "QĐ 129/2007/QĐ-TTg, Điều 6"),
    ItemSpec(
        "dress",
        "Đeo thẻ công chức, viên chức (tên cơ quan, ảnh, họ tên, chức danh, số hiệu) trước ngực",
        "QĐ 129/2007/QĐ-TTg, Điều 7; QĐ 06/2008/QĐ-BNV",
        Decimal(2),
    ),
    ItemSpec(
        "communication", "Giao tiếp lịch sự, không nói tục, không quát nạt", COMMUNICATION_129, Decimal(2)
    ),
    ItemSpec("communication", "Lắng nghe ý kiến, giải thích, hướng dẫn rõ ràng, cụ thể", COMMUNICATION_129),
    ItemSpec(
        "communication",
        "Không hách dịch, cửa quyền, gây khó khăn, phiền hà, sách nhiễu",
        f"{COMMUNICATION_129}; QĐ 1847/QĐ-TTg năm 2018",
        Decimal(2),
    ),
    ItemSpec(
        "communication",
        "Khi giao tiếp qua điện thoại xưng tên, cơ quan; không ngắt điện thoại đột ngột",
        COMMUNICATION_129,
    ),
    ItemSpec("discipline", "Đi làm đúng giờ, không đi muộn, về sớm", DISCIPLINE_26, Decimal(2)),
    ItemSpec("discipline", "Không hút thuốc lá trong phòng làm việc", f"QĐ 129/2007/QĐ-TTg; {DISCIPLINE_26}"),
    ItemSpec(
        "discipline", "Không uống rượu, bia trong giờ làm việc và giờ nghỉ trưa", DISCIPLINE_26, Decimal(2)
    ),
    ItemSpec(
        "discipline", "Không chơi trò chơi, nghe nhạc, làm việc riêng trong giờ làm việc", DISCIPLINE_26
    ),
    ItemSpec("discipline", "Không quảng cáo thương mại tại công sở", "QĐ 129/2007/QĐ-TTg"),
    ItemSpec(
        "institutional",
        "Đơn vị đã ban hành quy chế văn hóa công sở của mình",
        "QĐ 129/2007/QĐ-TTg; QĐ 1847/QĐ-TTg năm 2018",
    ),
    ItemSpec(
        "institutional",
        "Đơn vị đã đăng ký tham gia phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
        "QĐ 733/QĐ-TTg năm 2019",
    ),
]
