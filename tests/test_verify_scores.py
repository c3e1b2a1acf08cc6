"""Score breakdowns in prose: items against their score, maxima against its maximum."""
from __future__ import annotations

from dvc_extract.model import Document, Page, Report, TextBlock
from dvc_extract.verify import check, find_claims

# Seed report 000 (Đắk Lắk 2023), as its prose blocks come out of the rendering: two lines may
# share a block.
SCORES = [
    "Năm 2023, số điểm của tỉnh Đắk Lắk đạt 72,09/100 điểm, xếp vị trí thứ 25/63 tỉnh, thành phố "
    "trực thuộc Trung ương. Cụ thể:",
    "1. Kết quả về công khai minh bạch: 14,21/18 điểm.",
    "- Tỷ lệ thủ tục hành chính công bố đúng hạn: 4,05/6 điểm;",
    "- Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn: 2,42/4 điểm; - Tỷ lệ thủ tục hành chính "
    "được công khai có đầy đủ các nội dung quy định: 2/2 điểm;",
    "- Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia: 5.74/6 điểm",
    "- Hạn chế:",
    "+ Công bố công khai thủ tục hành chính chưa đúng hạn.",
    "2. Tiến độ giải quyết: 19,16/20 điểm.",
    "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn 19,16 điểm.",
    "3. Dịch vụ trực tuyến",
    "a) Cung cấp Dịch vụ Công trực tuyến: 5,95/12 điểm.",
    "- Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến: 1,6/2 điểm;",
    "- Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ: 0,25/4 điểm;",
    "- Tỷ lệ hồ sơ TTHC theo hình thức nộp hồ sơ: 2,29/6 điểm;",
    "b) Thanh toán trực tuyến: 1,81/10 điểm.",
    "- Tỷ lệ thủ tục hành chính có giao dịch thanh toán trực tuyến: 0,48/2 điểm; - Tỷ lệ TTHC có yêu cầu nghĩa "
    "vụ tài chính được tích hợp: 1,24/2 điểm;",
    "- Tỷ lệ hồ sơ thanh toán trực tuyến: 0,09/6 điểm.",
    "4. Mức độ hài lòng: 17,82/18 điểm.",
    "- Tiến độ xử lý phản ánh, kiến nghị: 6/6 điểm;",
    "- Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị: 5,82/6 điểm;",
    "- Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC: 6/6 điểm;",
    "5. Số hóa hồ sơ: 15,15/22 điểm.",
    "- Tỷ lệ hồ sơ có cấp kết quả điện tử: 4.63/6 điểm;",
    "- Tỷ lệ hồ sơ thực hiện số hóa hồ sơ: 3,23/4 điểm;",
    "- Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa: 0/2 điểm;",
    "- Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính: 1,97/2 điểm; - Tỷ lệ hồ sơ TTHC được "
    "số hóa có kết nối: 2,53/4 điểm;",
    "- Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư: 0,79/2 điểm;",
    "- Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư: 2/2 điểm;",
    "V. Những khó khăn, vướng mắc",
]


def _findings(lines):
    blocks = [TextBlock(text=t, page=1, bbox=(50, 100 + 14 * i, 500, 112 + 14 * i)) for i, t in enumerate(lines)]
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, "text-layer")])
    report = Report(document=doc, tables=[], prose=blocks, claims=find_claims(blocks))
    return [(f.rule, f.verdict, f.stated, f.recomputed) for f in check(report)]


def _with(old, new, lines=SCORES):
    return [line.replace(old, new) for line in lines]


def test_the_seed_prints_two_scores_its_items_do_not_make():
    # a): 1,6 + 0,25 + 2,29 = 4,14, printed 5,95. The total: 14,21 + 19,16 + (5,95 + 1,81) + 17,82
    # + 15,15 = 74,10, printed 72,09 (section 3 states no score: its items a) and b) make it).
    assert _findings(SCORES) == [("prose-score", "inconsistent", 5.95, 4.14),
                                 ("prose-score", "inconsistent", 72.09, 74.1)]


def test_items_that_make_their_score_raise_nothing():
    consistent = _with("5,95/12", "4,14/12", _with("72,09/100", "72,29/100"))
    assert _findings(consistent) == []


def test_an_item_changed_breaks_its_score_and_not_the_total_above():
    consistent = _with("5,95/12", "4,14/12", _with("72,09/100", "72,29/100"))
    assert _findings(_with("3,23/4", "3,32/4", consistent)) == [("prose-score", "inconsistent", 15.15, 15.24)]


def test_an_item_maximum_changed_breaks_the_maximum():
    consistent = _with("5,95/12", "4,14/12", _with("72,09/100", "72,29/100"))
    assert _findings(_with("5,82/6", "5,82/8", consistent)) == [("prose-score-maximum", "inconsistent", 18, 20)]


def test_a_miss_within_the_printed_rounding_is_no_finding():
    consistent = _with("5,95/12", "4,14/12", _with("72,09/100", "72,29/100"))
    # 5.'s items make 15,15; printed to the hundredth, each may be 0,005 off: 15,16 may be right
    assert _findings(_with("15,15/22", "15,16/22", consistent)) == []
    assert _findings(_with("15,15/22", "15,25/22", consistent)) == [("prose-score", "inconsistent", 15.25, 15.15),
                                                                    ("prose-score", "inconsistent", 72.29, 72.39)]


def test_items_printed_to_the_tenth_under_a_total_to_the_hundredth():
    # Seed report 004: 11,4 + 19,3 + (5,8 + 2,7) + 18,0 + 15,5 = 72,7, printed 72,78: each item is
    # rounded to the tenth, so the true sum may be anywhere within 72,7 ± 0,3.
    letter = ["Tổng số điểm Đắk Lắk đạt: 72,78/100 điểm, xếp hạng 42/63 tỉnh, thành phố (Số liệu ngày "
              "05/8/2024, số liệu này có thể thay đổi theo thời gian), cụ thể:",
              "- Nhóm chỉ số công khai, minh bạch: 11,4/18 điểm.", "- Nhóm chỉ số tiến độ, kết quả giải quyết: 19,3/20 điểm.",
              "- Nhóm chỉ số Dịch vụ trực tuyến:", "+ Dịch vụ công trực tuyến: 5,8/12 điểm;",
              "+ Thanh toán trực tuyến: 2,7/10 điểm.", "- Nhóm chỉ số mức độ hài lòng: 18,0/18 điểm.",
              "- Nhóm chỉ số số hóa hồ sơ: 15,5/22 điểm.", "(Chi tiết có Phụ lục kèm theo)", "2. Kiến nghị, đề xuất"]
    assert _findings(letter) == []
    assert _findings(_with("15,5/22", "16,5/22", letter)) == [("prose-score", "inconsistent", 72.78, 73.7)]


def test_scores_that_follow_one_another_without_adding_up_are_no_breakdown():
    lines = ["Kết quả chấm điểm của các đơn vị:", "- Sở Tư pháp: 85,5/100 điểm;", "- Sở Y tế: 80,25/100 điểm;",
             "Chỉ số cải cách hành chính năm 2024 đạt 88,1/100 điểm.", "- Sở Nội vụ: 90/100 điểm;",
             "- Sở Tài chính: 70/100 điểm."]
    assert _findings(lines) == []
