"""A count stated in prose against the named items listed right after it (verify/lists.py).

The sentences are quoted from the seed reports (corpora/source/000.json) and from the real
born-digital reports in ../shared/real/born/; each list was counted by hand.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from dvc_extract.model import Document, Page, Report, TextBlock
from dvc_extract.verify import Tally, check, find_claims
from dvc_extract.verify.lists import find_listings

BORN = Path(__file__).resolve().parents[2] / "shared" / "real" / "born"


def _blocks(*texts: str) -> list[TextBlock]:
    return [TextBlock(text=t, page=1, bbox=(50, 100 + 20 * i, 500, 115 + 20 * i)) for i, t in enumerate(texts)]


def _listings(*texts: str) -> list[tuple[int, int]]:
    return [(found.stated, len(found.items)) for found in find_listings(_blocks(*texts))]


def _report(*texts: str, source: str = "text-layer") -> Report:
    blocks = _blocks(*texts)
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, source)])
    return Report(document=doc, tables=[], prose=blocks, claims=find_claims(blocks))


def _findings(*texts: str):
    return [f for f in check(_report(*texts)) if f.rule == "prose-list-count"]


# Seed 000, p. 10 (three units lists), and its note under Bảng 4.
SEED_14 = ("- Có 14 đơn vị không có hồ sơ trễ hạn: Sở Công Thương, Sở Giao thông Vận tải, Sở Giáo dục và "
           "Đào tạo, Sở Khoa học và Công nghệ, Sở Lao động, Thương binh và Xã hội, Sở Nông nghiệp và Phát "
           "triển nông thôn, Sở Thông tin và Truyền thông, Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch, Sở "
           "Xây dựng, Sở Y tế, UBND huyện Krông Ana, UBND huyện Krông Năng, UBND Thị xã Buôn Hồ")
SEED_11 = ("- Có 11 đơn vị không có hồ sơ nộp trực tuyến quá 8 tiếng chưa tiếp nhận: Sở Công thương; Sở Giao "
           "thông Vận tải; Sở Giáo dục và Đào tạo; Sở Khoa học và Công nghệ; Sở Kế hoạch và Đầu tư; Sở Lao "
           "động, Thương binh và Xã hội; Sở Thông tin và Truyền thông; Sở Tài chính; Sở Văn hóa Thể thao và "
           "Du lịch; Sở Y tế, Sở Xây dựng")
SEED_19 = ("- Có 19 đơn vị có số hồ sơ nộp trực tuyến quá 8 tiếng chưa tiếp nhận: Sở Nông nghiệp và Phát "
           "triển nông thôn; Sở Nội vụ, Sở Tài nguyên và Môi trường; Sở Tư pháp, UBND Thị xã Buôn Hồ, UBND "
           "huyện Ea Súp, UBND huyện Ea H’leo, UBND huyện Krông Ana, UBND huyện Krông Pắc, UBND huyện "
           "M’Đrăk, UBND Thành phố Buôn Ma Thuột, UBND huyện Krông Búk, UBND huyện Buôn Đôn, UBND huyện Cư "
           "Kuin, UBND huyện Cư M’gar, UBND huyện Ea Kar, UBND huyện Lắk, UBND huyện Krông Năng, UBND huyện "
           "Krông Bông")
SEED_02 = ("- 02 đơn vị gồm: Ban Dân tộc, Thanh tra tỉnh do đặc thù của ngành không có dịch vụ công trực "
           "tuyến nên không thống kê vào danh sách này.")
# binhthuan_2024_ttr3367-snv_hoi-quan-chung.pdf, pp. 3, 4, 6
HOI_05 = ("- 05 hội đã tổ chức đại hội, gồm: Câu lạc bộ võ thuật Bộ Chỉ huy Quân sự tỉnh, Hội Y học, Hiệp "
          "Hội Du lịch, Liên đoàn cầu lông và Hội Golf.")
HOI_04 = ("- 04 hội báo cáo đang chuẩn bị hồ sơ tổ chức đại hội, gồm: Hiệp hội Vận tải ô tô, Hội Nghề cá, "
          "Hiệp hội Nước mắm Phan Thiết và Hội Tin học. Trong đó, Hiệp hội Nước mắm Phan Thiết dự kiến tổ "
          "chức đại hội nhiệm kỳ vào ngày 18/12/2024.")
HOI_03 = ("- 03 hội báo cáo không đủ điều kiện để tổ chức đại hội, gồm: Hội Cựu giáo chức, Hội Bảo vệ "
          "thiên nhiên và môi trường và Hội Làm vườn. Cụ thể:")
HOI_04B = ("- 04 hội không báo cáo kết quả thực hiện, gồm: Hội Thân nhân kiều bào, Hiệp hội Nhà thầu xây "
           "dựng, Hiệp hội Thủy sản và Hội Lâm nghiệp.")
HOI_06 = ("b) Thông báo về việc giải thể 06 hội gồm: Hội Cựu giáo chức, Hội Bảo vệ thiên nhiên và môi "
          "trường, Hội Làm vườn, Hội Thân nhân kiều bào, Hiệp hội Thủy sản và Hội Lâm nghiệp.")
# lamdong_2025_bc181-snv_mohinh-cchc-787.pdf, p. 8
SO_09 = ("Sở Nội vụ đã tổ chức lấy ý kiến các cơ quan, địa phương, kết quả: có 09 sở, ban, ngành (Sở Nội "
         "vụ, Sở Khoa học và Công nghệ, Sở Tư pháp, Sở Công Thương, Sở Văn hóa, Thể thao và Du lịch, Sở Tài "
         "chính, Sở Giáo dục và Đào tạo, Sở Ngoại vụ, Thanh tra tỉnh) và 26 xã, phường và đặc khu Phú Quý có "
         "văn bản tham gia góp ý (trong đó có 33 cơ quan, đơn vị có ý kiến thống nhất; có 02 xã, phường "
         "thống nhất và có tham gia góp ý một số nội dung có liên quan).")
# lamdong_2025_bc329-ubnd_cchc-2025_bieumau1-6.pdf, p. 12
DON_VI_01 = ("Đơn vị sự nghiệp công lập thuộc Chi cục thuộc Sở có 01 đơn vị (Trung tâm Đăng kiểm tàu cá "
             "thuộc Chi cục Thủy sản và Biển đảo tỉnh Lâm Đồng).")
# lamdong_2025_ttr141-stp_hop-nhat-doan-luat-su.pdf, pp. 3-4: one paragraph, and two lists on lines
UY_VIEN = ("- Ủy viên: 05 Luật sư gồm: Luật sư Nguyễn Thanh Vũ, Luật sư Vũ Văn Biển, Luật sư Nguyễn Trung "
           "Dũng, Luật sư Nguyễn Xuân Thống, Luật sư Nguyễn Văn Tôn.")
PHO_CHU_NHIEM = [
    "- Phó Chủ nhiệm: 13 Luật sư. Cụ thể:",
    "+ Luật sư Đỗ Minh Trúc (phụ trách khu vực Bình Thuận cũ);",
    "+ Luât sư Nguyễn Thanh Huy (phụ trách khu vực Đắk Nông cũ);",
    "4",  # the page's number: the list goes on on the next page
    "+ Luật sư Dương Đình Nam, Luật sư Vũ Thành Nam, Luật sư Nguyễn Phương Đại Nghĩa, Luật sư Nguyễn "
    "Thị Hạnh, Luật sư Lê Công Bằng, Luật sư Thái Quang Thượng Nguyên, Luật sư Phạm Thị Hà Lương, Luật "
    "sư Lương Minh Khang, Luật sư Huỳnh Đạt, Luật sư Bùi Quang Tuấn, Luật sư Trần Văn Duẩn.",
    "- Ủy viên Ban Chủ nhiệm: Luật sư Lê Hồng Sơn, Luật sư Phạm Thị Minh Hoàng.",
]
PHO_CHU_TICH = [
    "- Chủ tịch: Luật sư Trần Văn Ninh",
    "- Phó Chủ tịch: 05 Luật sư gồm:",
    "+ Luật sư Lê Văn Long (phụ trách khu vực Bình Thuận cũ);",
    "+ Luật sư Phạm Thị Thương (phụ trách khu vực Đắk Nông cũ);",
    "+ Luật sư Lê Kim Xuân, Luật sư Trương Phúc Ân, Luật sư Nguyễn Văn Hậu;",
    UY_VIEN,
]


@pytest.mark.parametrize("texts, expected", [
    ([SEED_14], [(14, 14)]),
    ([SEED_11], [(11, 11)]),
    ([SEED_19], [(19, 19)]),
    ([SEED_02], [(2, 2)]),
    ([HOI_05], [(5, 5)]),
    ([HOI_04], [(4, 4)]),
    ([HOI_03], [(3, 3)]),
    ([HOI_04B], [(4, 4)]),
    ([HOI_06], [(6, 6)]),
    ([SO_09], [(9, 9)]),  # the 26 communes after it have another count before them: not checked
    ([DON_VI_01], [(1, 1)]),
    ([UY_VIEN], [(5, 5)]),
    (PHO_CHU_NHIEM, [(13, 13)]),
    (PHO_CHU_TICH, [(5, 5), (5, 5)]),
])
def test_real_lists_are_counted_and_agree(texts, expected):
    assert _listings(*texts) == expected
    assert _findings(*texts) == []


def test_names_with_commas_and_and_are_one_item_each():
    (found,) = find_listings(_blocks(SEED_14))
    assert found.items[4] == "Sở Lao động - Thương binh và Xã hội"
    assert found.items[8] == "Sở Văn hóa - Thể thao và Du lịch"
    assert found.items[2] == "Sở Giáo dục và Đào tạo"
    (found,) = find_listings(_blocks(HOI_03))
    assert found.items == ["Hội Cựu giáo chức", "Hội Bảo vệ thiên nhiên và môi trường", "Hội Làm vườn"]


def test_a_count_its_list_does_not_make_is_one_finding():
    # seed 000's sentence with its count changed from 14 to 15
    (f,) = _findings(SEED_14.replace("Có 14 đơn vị", "Có 15 đơn vị"))
    assert (f.rule, f.severity, f.verdict, f.cause) == ("prose-list-count", "error", "inconsistent", "source")
    assert (f.stated, f.recomputed, f.difference) == (15, 14, 1)
    assert f.message_vi.startswith("Số lượng 15 đơn vị trong văn bản không khớp với danh sách nêu sau đó: 14 mục")
    assert f.message_en.startswith("Count 15 (đơn vị) in the text does not match the list given after it: 14 item(s)")
    assert f.claim.startswith("15 đơn vị không có hồ sơ trễ hạn: Sở Công Thương") and f.claim.endswith("UBND Thị xã Buôn Hồ")
    assert f.evidence and {e.page for e in f.evidence} == {1}


@pytest.mark.parametrize("texts, stated, listed", [
    ([SO_09.replace("có 09 sở", "có 10 sở")], 10, 9),  # in brackets
    ([HOI_06.replace("06 hội", "05 hội")], 5, 6),  # one too many listed
    ([t.replace("13 Luật sư", "12 Luật sư") for t in PHO_CHU_NHIEM], 12, 13),  # on lines, over a page
])
def test_other_shapes_with_a_changed_count(texts, stated, listed):
    (f,) = _findings(*texts)
    assert (f.stated, f.recomputed) == (stated, listed)


def test_each_list_counted_is_a_check_made():
    tally = Tally()
    report = _report(SEED_14, SEED_11.replace("Có 11", "Có 12"), SEED_19)
    findings = check(report, tally=tally)
    (count,) = [c for c in tally.counts(findings) if c.rule == "prose-list-count"]
    assert (count.made, count.passed) == (3, 2)


@pytest.mark.parametrize("text", [
    # "như" gives examples, not the list
    "Có 5 đơn vị chưa hoàn thành như: Sở Y tế, Sở Tư pháp.",
    "Có 3 đơn vị thực hiện tốt, như Sở Y tế, Sở Tư pháp và UBND huyện Krông Búk.",
    # cut off
    "Có 5 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp, Sở Nội vụ…",
    "Có 5 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp, Sở Nội vụ...",
    "Có 5 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp, v.v.",
    "Có 5 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp và các đơn vị khác.",
    "Có 5 đơn vị chưa hoàn thành, trong đó: Sở Y tế, Sở Tư pháp.",
    "Có 5 đơn vị chưa hoàn thành, tiêu biểu là: Sở Y tế, Sở Tư pháp.",
    # a group, not an item; a name that opens otherwise than a unit does
    "Đề nghị phê bình 03 đơn vị: UBND thành phố Buôn Ma Thuột; UBND các huyện: Ea H’leo, Lắk.",
    "Có 3 đơn vị chưa hoàn thành: Sở Y tế, Giáo dục và Đào tạo, Sở Tư pháp, Nội vụ.",
    # numbers in the list: a breakdown (sums.py), not names
    "Có 3 đơn vị có hồ sơ quá hạn: Sở Y tế 12 hồ sơ, Sở Tư pháp 3 hồ sơ.",
    # a count of something else than the items
    "Có 14 hồ sơ quá hạn: Sở Y tế, Sở Tư pháp.",
    "Có 3 đơn vị với 14 hồ sơ quá hạn: Sở Y tế, Sở Tư pháp.",
    # approximate counts
    "Có hơn 20 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp.",
    # another count before it in its clause: whose list is it? (bc184, p. 13)
    "Kết quả đánh giá, tính đến ngày 05/11/2025, có 07 đơn vị xếp loại Xuất sắc, 05 đơn vị xếp loại Tốt "
    "và 01 đơn vị xếp loại Khá (Sở Tài chính).",
    "Có 3 sở và UBND huyện Lắk chưa hoàn thành: Sở Y tế, Sở Tư pháp, Sở Nội vụ, UBND huyện Lắk.",
    # a full stop that may be an abbreviation's
    "Có 3 đơn vị chưa hoàn thành: Sở Y tế, UBND TP. Buôn Ma Thuột, Sở Nội vụ.",
    # a clause before the last item: where does the list end?
    "Có 2 đơn vị chưa hoàn thành: Sở Y tế do thiếu nhân lực, Sở Tư pháp và Sở Nội vụ đã đề nghị gia hạn.",
    # a clause with a verb of its own after the last item: maybe a new sentence, its subject no item
    "Có 2 đơn vị chưa hoàn thành: Sở Y tế, Sở Tư pháp, UBND tỉnh đề nghị khẩn trương hoàn thành.",
    # meetings, not associations
    "Đã tổ chức 02 hội nghị: Hội nghị sơ kết, Hội nghị tập huấn và Hội nghị tổng kết.",
    # a bracket that is no list of the units (bc181, p. 8)
    "26 xã, phường và đặc khu Phú Quý có văn bản tham gia góp ý (trong đó có 33 cơ quan, đơn vị có ý kiến thống nhất).",
])
def test_unsure_lists_are_not_checked(text):
    assert _listings(text) == []
    assert _findings(text) == []


def test_a_list_on_lines_whose_end_is_unsure_is_not_checked():
    # the items at the count's own level, and a list that runs into other bullets without a full stop
    assert _listings("- Có 3 đơn vị chưa hoàn thành:", "- Sở Y tế;", "- Sở Tư pháp;", "- Sở Nội vụ.") == []
    assert _listings("Có 3 đơn vị chưa hoàn thành, gồm:", "- Sở Y tế;", "- Sở Tư pháp;", "Đề nghị các đơn vị …") == []
    assert _listings("Có 3 đơn vị chưa hoàn thành, gồm:", "- Sở Y tế;", "- Sở Tư pháp;", "- Sở Nội vụ.") == [(3, 3)]


def test_a_list_a_page_break_cuts_is_not_checked():
    # corpora/office/000-dejavu.pdf prints seed 000's list of 19 over pages 8 and 9: the block on
    # page 8 ends with 12 of them, the page's number and the other 7 follow
    cut = SEED_19.index("UBND huyện Buôn Đôn")
    page_8, page_9 = SEED_19[:cut].rstrip(), SEED_19[cut:]
    assert page_8.endswith("UBND huyện Krông Búk,")
    assert _listings(page_8, "9", page_9) == []
    assert _listings(page_8.rstrip(","), "9", page_9) == []  # cut where no comma tells it
    assert _listings(SEED_19, "- Đề nghị UBND tỉnh phê bình các đơn vị có số hồ sơ nộp trực tuyến quá 8 "
                              "tiếng chưa tiếp nhận không giảm hoặc giảm không đáng kể: UBND thành phố") == [(19, 19)]


def test_places_counted_by_their_names():
    assert _listings("Có 03 huyện chưa hoàn thành: Krông Búk, Ea Kar và Lắk.") == [(3, 3)]
    assert _listings("Có 03 huyện chưa hoàn thành: Krông Búk, Ea Kar.") == [(3, 2)]


def test_a_scanned_page_is_not_read_for_lists():
    report = _report(SEED_14.replace("Có 14", "Có 15"), source="scanned")
    assert [f for f in check(report) if f.rule == "prose-list-count"] == []


# End to end on the real born-digital reports: every list the rule counts agrees with its count
# there (each counted by hand above), so none gives a finding.
REAL_COUNTED = {
    "binhthuan_2024_ttr3367-snv_hoi-quan-chung": 6,
    "lamdong_2025_bc181-snv_mohinh-cchc-787": 1,
    "lamdong_2025_bc329-ubnd_cchc-2025_bieumau1-6": 1,
    "lamdong_2025_ttr141-stp_hop-nhat-doan-luat-su": 3,
}


@lru_cache(maxsize=None)
def _extracted(stem: str):
    from dvc_extract import extract

    return extract(str(BORN / f"{stem}.pdf"))


@pytest.mark.e2e
@pytest.mark.skipif(not BORN.is_dir(), reason="the real documents are not here")
@pytest.mark.parametrize("stem", sorted(p.stem for p in BORN.glob("*.pdf")) if BORN.is_dir() else [])
def test_real_born_reports_give_no_list_finding(stem):
    report = _extracted(stem)
    assert [f.message_en for f in report.findings if f.rule == "prose-list-count"] == []
    made = sum(c.made for c in report.checks if c.rule == "prose-list-count")
    assert made == REAL_COUNTED.get(stem, 0)


# Seed 000's lists as other renderings print them (fonts, legacy encodings): the same lists, one
# of them over a page break in the DejaVu rendering; none gives a finding.
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.e2e
@pytest.mark.parametrize("rendering", ["office/000-dejavu.pdf", "office/000-liberation.pdf",
                                       "legacy/000.tcvn3.pdf", "legacy/000.vni.pdf"])
def test_seed_renderings_give_no_list_finding(rendering):
    from dvc_extract import extract

    report = extract(str(ROOT / "corpora" / rendering))
    assert [f.message_en for f in report.findings if f.rule == "prose-list-count"] == []
    assert sum(c.made for c in report.checks if c.rule == "prose-list-count") >= 3
