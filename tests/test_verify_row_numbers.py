"""Row numbering: a typo (or two in a row), a repeat and a gap in an STT list; restarts and jumps left alone."""
from __future__ import annotations

import pytest

from dvc_extract.verify.row_numbers import _unread_in_place, _verdicts


@pytest.mark.parametrize("numbers, expected", [
    ([1, 2, 3, 4, 5], []),
    ([1, 2, 121, 4, 5], [(2, "typo", 3)]),          # seed 000, Bảng 2: 11, 121, 13
    ([1, 2, 3, 3, 4, 5], [(3, "repeat", 4)]),
    ([1, 2, 3, 5, 6, 7], [(3, "gap", 4)]),
    ([1, 2, 3, 1, 2, 3], []),                        # a new section numbered again from 1
    ([1, 2, 3, 40, 41], []),                         # a jump too far to be one missing row
    ([1, 2, 3, 9], []),                              # a last number nothing after it confirms
    ([9, 10, 1, 121, 13], [(2, "typo", 11), (3, "typo", 12)]),  # two wrong between two that agree
    ([9, 10, 1, 2, 3], []),                          # a restart the next row confirms
])
def test_numbering(numbers, expected):
    assert _verdicts(numbers) == expected


def test_a_row_number_read_as_nothing_stands_in_its_place():
    # a scanned "11" read as "Thì": the "121" after it is still judged against 11
    assert _verdicts(_unread_in_place([9, 10, None, 121, 13])) == [(3, "typo", 12)]
