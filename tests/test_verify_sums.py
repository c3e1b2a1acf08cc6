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
