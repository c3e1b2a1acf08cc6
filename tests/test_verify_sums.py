"""Totals stated in prose against the parts listed after them, and shares larger than their total."""
from __future__ import annotations

import pytest

from dvc_extract.model import Document, Page, Report, TextBlock
from dvc_extract.verify import check, find_claims
from dvc_extract.verify.sums import find_sums


def _blocks(*texts: str) -> list[TextBlock]:
    return [TextBlock(text=t, page=1, bbox=(50, 100 + 20 * i, 500, 115 + 20 * i)) for i, t in enumerate(texts)]


def _sums(*texts):
    return [(s.total[1], [p[1] for p in s.parts]) for s in find_sums(_blocks(*texts))]


def _findings(*texts):
    blocks = _blocks(*texts)
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, "text-layer")])
    report = Report(document=doc, tables=[], prose=blocks, claims=find_claims(blocks))
    return check(report)


@pytest.mark.parametrize("text, expected", [
    ("- Có 369 hồ sơ giải quyết quá hạn, chiếm tỷ lệ 0,48%, gồm: 296 hồ sơ lĩnh vực đất đai, 10 hồ sơ "
     "lĩnh vực Tư pháp và 27 hồ sơ lĩnh vực khác, 36 hồ sơ do UBND cấp xã giải quyết.",
     [(369, [296, 10, 27, 36])]),
    ("- Trong 296 hồ sơ quá hạn, có 09 hồ sơ do thao tác, 11 hồ sơ do Hệ thống bị treo và có 276 hồ sơ "
     "quá hạn thực sự. Cụ thể:", [(296, [9, 11, 276])]),
    # "1.579 văn bản" names another noun: not a part of the "hồ sơ" total
    ("c) Tổng số hồ sơ đã giải quyết lũy kế là: 736.963 hồ sơ, trong đó có: 733.844 hồ sơ đúng hạn; "
     "3.119 hồ sơ quá hạn và đã ban hành 1.579 văn bản xin lỗi.", [(736963, [733844, 3119])]),
    ("- 645 dịch vụ công trực tuyến toàn trình (cấp tỉnh: 565; cấp huyện 54; cấp xã: 26), chiếm 39,2%.",
     [(645, [565, 54, 26])]),
])
def test_parts_in_one_paragraph(text, expected):
    assert _sums(text) == expected


def test_parts_listed_one_per_item():
    assert _sums(
        "a) Tổng số hồ sơ TTHC đã giải quyết: 77.390 hồ sơ. Trong đó:",
        "- Có 77.021 hồ sơ giải quyết đúng, trước hạn, chiếm tỷ lệ 99,52%.",
        "- Có 369 hồ sơ giải quyết quá hạn, chiếm tỷ lệ 0,48%.",
        "- Trong 296 hồ sơ quá hạn lĩnh vực đất đai, có 09 hồ sơ do thao tác và 287 hồ sơ khác.",  # a breakdown
        "b) Tổng số hồ sơ còn tồn: 36.193 hồ sơ.",
    ) == [(77390, [77021, 369]), (296, [9, 287])]


@pytest.mark.parametrize("text", [
    "Theo Quyết định số 2741/QĐ-UBND ngày 22/12/2023 (Số liệu ngày 05/8/2024; cập nhật 2 lần).",
    "Có 14 đơn vị không có hồ sơ trễ hạn: Sở Công Thương, Sở Y tế.",
    "Tổng số hồ sơ: 120 hồ sơ, trong đó 30 hồ sơ trực tuyến.",  # one part alone is not a sum
    "- Lưu: VT, KSTTHC (Tg 7).",
])
def test_not_sums(text):
    assert _sums(text) == []


def test_a_total_that_its_parts_do_not_make_is_inconsistent():
    findings = _findings("a) Tổng số hồ sơ đã giải quyết: 77.390 hồ sơ. Trong đó:",
                         "- Có 77.021 hồ sơ giải quyết đúng hạn.",
                         "- Có 359 hồ sơ giải quyết quá hạn.")
    (f,) = findings
    assert (f.rule, f.verdict, f.stated, f.recomputed) == ("prose-sum", "inconsistent", 77390, 77380)
    assert "77.021 + 359 = 77.380" in f.message_vi and "77,021 + 359 = 77,380" in f.message_en
    assert len(f.evidence) == 3 and {e.page for e in f.evidence} == {1}


def test_parts_that_add_up_give_no_finding():
    assert _findings("- Có 369 hồ sơ quá hạn, gồm: 296 hồ sơ đất đai, 10 hồ sơ tư pháp, 63 hồ sơ khác.") == []


def test_a_share_larger_than_its_total_is_still_checked():
    findings = _findings("a) Tổng số hồ sơ TTHC đã giải quyết: 77.390 hồ sơ. Trong đó:",
                         "- Có 97.021 hồ sơ giải quyết đúng, trước hạn, chiếm tỷ lệ 99,52%.")
    assert [(f.rule, f.verdict, f.stated) for f in findings] == [("prose-share-of-total", "inconsistent", 99.52)]


# Sentences of real provincial reports (Lâm Đồng 2025, reports 181 and 329; Lâm Đồng 2026, 239).
_REAL_420 = ("Tổng số TTHC thuộc phạm vi quản lý của các cơ quan ngành dọc đóng trên địa bàn tỉnh là 420 TTHC "
             "(Thuế tỉnh 217 TTHC; Kho bạc Nhà nước khu vực XVI 11 TTHC; Công an tỉnh 167 TTHC, Bảo hiểm xã "
             "hội tỉnh 25 TTHC).")
_REAL_22143 = ("+ Dự toán chi đầu tư phát triển năm 2025 là 22.143 tỷ đồng (gồm kế hoạch năm 2025 là 19.596 tỷ "
               "đồng; vốn năm 2024 chuyển sang là 2.548 tỷ đồng), đã giải ngân được 9.400 tỷ đồng, đạt 42,5% kế hoạch.")


@pytest.mark.parametrize("text, expected", [
    (_REAL_420, [(420, [217, 11, 167, 25])]),  # the fourth part follows a comma
    ("Đến nay, tổng số TTHC thuộc phạm vi quản lý trên địa bàn tỉnh Lâm Đồng là 2.372 (trong đó, cấp tỉnh "
     "1.946 TTHC, cấp xã 426 TTHC).", [(2372, [1946, 426])]),
    ("địa phương 02 cấp với 9.976 biên chế công chức (gồm 3.743 biên chế cấp tỉnh, 6.233 biên chế cấp xã), "
     "60.674 biên chế viên chức hưởng lương từ ngân sách nhà nước (gồm 17.607 biên chế cấp tỉnh, 41.740 biên "
     "chế cấp xã và 1.327 biên chế dự phòng); ban hành các quyết định",
     [(9976, [3743, 6233]), (60674, [17607, 41740, 1327])]),
    # years are no amounts
    (_REAL_22143, [(22143, [19596, 2548])]),
    ("+ Dự toán thực hiện các Chương trình mục tiêu quốc gia năm 2025 là 1.855 tỷ đồng (gồm kế hoạch năm 2025 "
     "là 1.273 tỷ đồng; vốn năm 2024 chuyển sang năm 2025 là 582 tỷ đồng).", [(1855, [1273, 582])]),
    # rates between the parts are no parts
    ("đã giải quyết 305.712 hồ sơ (trước hạn và đúng hạn 293.132 hồ sơ, đạt tỷ lệ 95,88%, quá hạn 12.579 hồ "
     "sơ, chiếm tỷ lệ 4,12%)", [(305712, [293132, 12579])]),
])
def test_real_breakdowns(text, expected):
    assert _sums(text) == expected


@pytest.mark.parametrize("text", [
    # after "trong đó" the numbers are steps of one process (proposed, then handled), not parts
    "Các cơ quan chuyên môn thuộc tỉnh đã thực hiện rà soát 734 văn bản QPPL của Hội đồng nhân dân, Ủy ban "
    "nhân dân tỉnh, trong đó đề xuất xử lý đối với 303 văn bản QPPL và đã tham mưu Hội đồng nhân dân, Ủy ban "
    "nhân dân tỉnh xử lý đối với 303 văn bản đảm bảo theo quy định.",
    # the bracket counts "cơ quan, đơn vị" of the whole clause, not the 26 "xã" before it
    "kết quả: có 09 sở, ban, ngành (Sở Nội vụ, Sở Tư pháp, Thanh tra tỉnh) và 26 xã, phường và đặc khu Phú "
    "Quý có văn bản tham gia góp ý (trong đó có 33 cơ quan, đơn vị có ý kiến thống nhất; có 02 xã, phường "
    "thống nhất và có tham gia góp ý một số nội dung có liên quan); các đơn vị còn thống nhất với dự thảo.",
    # another noun after "trong đó": decisions and procedures
    "Chủ tịch Ủy ban nhân dân tỉnh đã công bố 68 Quyết định danh mục TTHC; trong đó, công bố mới 247 TTHC, "
    "sửa đổi, bổ sung 338 TTHC và bãi bỏ 60 TTHC.",
])
def test_real_mentions_are_not_sums(text):
    assert _sums(text) == []


@pytest.mark.parametrize("text", [
    # Lâm Đồng 2026 report 239, page 5 as OCR reads it: "4, ! 22" is what is left of "4,12%",
    # "24. đóó" of a count; numbers that name nothing among parts that name "hồ sơ" are no parts
    "đã giải quyết 305.712 hồ SƠ (trước hạn và đúng hạn 293.132 hỗ sơ, Â u tỷ lệ 95,88%, quá hạn 12.579 hô sơ, "
    "chiếm tỷ lệ 4, ! 22); đang giải quyết 33.42) hô sơ",
    "82.438 hồ sơ dịch vụ công liên thông (59.072 hồ sơ đăng ký khai sinh — đăng ký thường trú và 24. đóó hồ sơ "
    "đăng ký khai tử - xóa đăng ký thường trú)",
])
def test_ocr_remnants_are_no_parts(text):
    assert _sums(text) == []


def _verdicts(*texts):
    return [(f.verdict, f.severity, f.stated, f.recomputed) for f in _findings(*texts)]


def test_real_breakdowns_that_add_up_raise_nothing():
    assert _findings(_REAL_420) == []


def test_rounded_amounts_may_miss_their_sum_by_rounding():
    # 19.596 + 2.548 = 22.144 tỷ đồng, printed 22.143: each amount rounded to a billion
    assert _verdicts(_REAL_22143) == [("rounding", "info", 22143, 22144)]
    assert _verdicts("Tổng dự toán là 23.997 tỷ đồng, trong đó:", "+ Dự toán chi đầu tư năm 2025 là 22.143 tỷ đồng.",
                     "+ Dự toán chương trình mục tiêu năm 2025 là 1.855 tỷ đồng.") == [("rounding", "info", 23997, 23998)]


def test_real_breakdowns_with_an_error_are_inconsistent():
    assert _verdicts(_REAL_420.replace("25 TTHC", "26 TTHC")) == [("inconsistent", "error", 420, 421)]
    assert _verdicts(_REAL_22143.replace("2.548", "2.538")) == [("inconsistent", "error", 22143, 22134)]
    # counts are exact: one case off is no rounding
    assert _verdicts("đã giải quyết 305.712 hồ sơ (trước hạn và đúng hạn 293.132 hồ sơ, đạt tỷ lệ 95,88%, "
                     "quá hạn 12.579 hồ sơ, chiếm tỷ lệ 4,12%)") == [("inconsistent", "error", 305712, 305711)]


def test_a_bracketed_part_listed_in_turn():
    text = ("- Trong 276 hồ sơ giải quyết quá hạn thực sự: còn 222 hồ sơ không có văn bản xin lỗi, chiếm tỷ lệ "
            "80,5% (Sở Tài nguyên và Môi trường 01 hồ sơ; UBND cấp huyện 218 hồ sơ: Buôn Ma Thuột 47, Buôn Đôn: 02, "
            "Cư Kuin 26, Cư M’gar 42, Ea H’leo 31, Ea Kar 14, Ea Súp 06, Krông Ana 01, Krông Bông 05, Krông Búk 09, "
            "Krông Năng 03, Krông Pắc 26, M’Đrắk 06; Chi cục Thuế 03 hồ sơ: Cư M’gar 02, M’Drắk 01).")
    assert _sums(text) == [(222, [1, 218, 3]), (218, [47, 2, 26, 42, 31, 14, 6, 1, 5, 9, 3, 26, 6]), (3, [2, 1])]
