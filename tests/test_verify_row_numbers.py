"""Row numbering: a typo (or two in a row), a repeat and a gap in an STT list; restarts and jumps left alone."""
from __future__ import annotations

import pytest

from dvc_extract.verify.row_numbers import _unread_in_place, _unread_that_count, _verdicts


@pytest.mark.parametrize("numbers, expected", [
    ([1, 2, 3, 4, 5], []),
    ([1, 2, 121, 4, 5], [(2, "typo", 3)]),          # seed 000, Bảng 2: 11, 121, 13
    ([1, 2, 3, 3, 4, 5], [(3, "repeat", 4)]),
    ([1, 2, 3, 5, 6, 7], [(3, "gap", 4)]),
    ([1, 2, 3, 1, 2, 3], []),                        # a new section numbered again from 1
    ([1, 2, 3, 40, 41], []),                         # a jump too far to be one missing row
    ([1, 2, 3, 9], []),                              # a last number far beyond the run: a code?
    ([7, 2, 3, 4], [(0, "typo", 1)]),                # the run after the first number decides it
    ([2, 2, 3, 4], [(0, "typo", 1)]),                # one finding, on the misprinted first row
    ([18, 19, 20], []),                              # a continuation page
    ([5, 1, 2, 3], []),                              # a number before a new list: not judged
    ([1, 2, 3, 3], [(3, "repeat", 4)]),              # the last row after a run
    ([1, 2, 3, 5], [(3, "gap", 4)]),
    ([1, 2, 3, 4, 2], [(4, "typo", 5)]),
    ([1, 2, 3, 4, 1], []),
    ([1, 2, 3, 4, 0], [(4, "typo", 5)]),                           # a new list of one row
    ([1, 2, 4, 4, 5], [(2, "typo", 3)]),             # read as 3, the next 4 is no repeat
    ([1, 2, 1, 4, 5], [(2, "typo", 3)]),             # a 1 the list does not start again from
    ([1, 4, 5, 6], [(1, "gap", 2)]),                 # a first 1 is right: the gap is after it
    ([9, 10, 1, 121, 13], [(2, "typo", 11), (3, "typo", 12)]),  # two wrong between two that agree
    ([9, 10, 1, 2, 3], []),                          # a restart the next row confirms
])
def test_numbering(numbers, expected):
    assert _verdicts(numbers) == expected


def test_a_row_number_read_as_nothing_stands_in_its_place():
    # a scanned "11" read as "Thì": the "121" after it is still judged against 11
    assert _verdicts(_unread_in_place([9, 10, None, 121, 13])) == [(3, "typo", 12)]


def test_a_row_read_as_nothing_where_the_list_goes_on_without_it_is_no_top_level_number():
    # "5.1.2." read "số DA" between "5." and "6": a sub-row; the "6" after it is no repeat
    marks = [(0, 4, "4."), (1, 5, "5."), (2, None, "số DA"), (3, 6, "6")]
    kept = _unread_that_count(marks)
    assert [m[1] for m in kept] == [4, 5, 6]
    assert _verdicts(_unread_in_place([m[1] for m in kept])) == []
    # between 10 and 12 it stands for the 11 the list needs
    assert [m[1] for m in _unread_that_count([(0, 10, ""), (1, None, ""), (2, 12, "")])] == [10, None, 12]


def test_a_row_number_ocr_read_as_a_letter_may_be_any_number():
    # bc329 at 150 dpi: "5." read "s" (confidently): no gap from 4 to 6 on the scan; printed
    # so in a text layer, the gap is the report's
    from dvc_extract.model import Cell, ColumnType, Document, Page, Report, Row, Table
    from dvc_extract.settings import Settings
    from dvc_extract.verify.row_numbers import row_numbering

    def report(source):
        rows = [Row(cells=[Cell(row=i, col=0, text=n, raw_text=n, page=1, source=source, confidence=0.95,
                                bbox=(0, 10 * i, 10, 10 * i + 8)),
                           Cell(row=i, col=1, text="Nội dung", raw_text="Nội dung", page=1, source=source,
                                confidence=0.95, bbox=(10, 10 * i, 90, 10 * i + 8))])
                for i, n in enumerate(["1.", "2.", "3.", "4.", "s", "6.", "7."])]
        t = Table(id="t1", caption=None, pages=[1], column_paths=[("STT",), ("Nội dung",)], rows=rows,
                  column_types=[ColumnType.NUMBERING, ColumnType.LABEL])
        return Report(document=Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, "scanned")]), tables=[t])
    assert row_numbering(report("ocr"), Settings()) == []
    assert [f.message_en for f in row_numbering(report("text-layer"), Settings())] == [
        "Table t1, row 6: row numbers jump from 4 to 6: 5 is missing."]
