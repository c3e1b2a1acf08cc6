"""A chart of accounts' numbers held to its rules: sub-accounts begin with their account's
number, and the accounts under one account rise."""
from dvc_extract.model import Cell
from dvc_extract.scan.accounts import account_columns, restore

# The Official Gazette's chart of accounts for insurers (p. 37) as a blurred 150-dpi scan
# reads it: row numbers, level-1 accounts, level-2 accounts. Its "351" and "352" are read
# "341" and "342", sure (0.90 and 0.91).
READ = [("44", "341", ""), ("45", "342", ""), ("46", "343", ""), ("", "", "3431"), ("", "", "3432"),
        ("47", "344", ""), ("48", "347", ""), ("49", "341", ""), ("50", "342", ""),
        ("", "", "3521"), ("", "", "3522"), ("", "", "3529"), ("51", "353", ""), ("", "", "3531"),
        ("", "", "3532"), ("52", "356", ""), ("", "", "3561"), ("", "", "3562")]


def _cells(rows, confidence=0.9):
    return [Cell(row=r, col=c, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1, confidence=confidence)
            for r, row in enumerate(rows) for c, t in enumerate(row) if t]


def _texts(cells, col):
    return [(c.text, c.confidence) for c in cells if c.col == col]


def test_an_account_is_given_back_by_its_sub_accounts_and_one_out_of_order_is_doubted():
    cells = _cells(READ)
    columns = account_columns(cells, numbering={0})
    assert columns == {1: 3, 2: 4}
    out = _texts(restore(cells, columns, sure=0.95, doubtful=0.79), 1)
    # 3521 … 3529 read "352" again; 341 between 347 and 352 is no account: reported.
    assert out[5:7] == [("341", 0.79), ("352", 0.95)]
    # The others as read; those with sub-accounts read again in them, sure.
    assert out[:5] + out[7:] == [("341", 0.9), ("342", 0.9), ("343", 0.95), ("344", 0.9), ("347", 0.9),
                                 ("353", 0.95), ("356", 0.95)]
    assert _texts(restore(cells, columns, 0.95, 0.79), 2) == _texts(cells, 2)


def test_a_mark_read_for_a_parent_s_figure_takes_it_and_a_seven_its_siblings_order():
    # The Gazette p. 35 (200 dpi, skewed): "33311" and "33312" under 3331 read "333/7" and
    # "333/2". The "/" stands where the parent's last figure does: 33312. The "7" may be a "1"
    # misread (33317 or 33311); 33312 below it says which.
    rows = [("37", "331", "", ""), ("", "", "3311", ""), ("", "", "3312", ""), ("38", "333", "", ""),
            ("", "", "3331", ""), ("", "", "", "333/7"), ("", "", "", "333/2"), ("", "", "3332", ""),
            ("", "", "3333", ""), ("39", "334", "", ""), ("", "", "3341", ""), ("", "", "3348", ""),
            ("40", "335", "", "")]
    cells = _cells(rows)
    columns = account_columns(cells, numbering={0})
    assert columns == {1: 3, 2: 4, 3: 5}
    out = _texts(restore(cells, columns, sure=0.95, doubtful=0.79), 3)
    assert out == [("33311", 0.9), ("33312", 0.9)]
    # Alone under its parent, a "7" that may be a "1" is doubted, not guessed.
    cells = _cells(rows[:6] + rows[7:])
    assert _texts(restore(cells, account_columns(cells, {0}), 0.95, 0.79), 3) == [("333/7", 0.79)]
    # The Gazette pp. 38-39 (200 dpi, skewed): the sub-accounts of 5111 and 5112 read with their
    # second figure as "/" (and a "1" as "J"), two read short: the level's column still.
    rows = [("61", "511", "", ""), ("", "", "5111", ""), ("", "", "", "5/1"), ("", "", "", "5/112"),
            ("", "", "", "5/113"), ("", "", "", "5/J18"), ("", "", "5112", ""), ("", "", "", "5/121"),
            ("", "", "", "51128"), ("", "", "5113", ""), ("", "", "", "5/131"), ("62", "512", "", ""), ("", "", "5121", ""),
            ("", "", "5122", ""), ("63", "513", "", ""), ("", "", "5131", ""), ("", "", "5132", ""),
            ("64", "514", "", ""), ("", "", "5141", ""), ("", "", "5142", ""), ("65", "515", "", ""),
            ("", "", "5151", ""), ("", "", "", "538"), ("", "", "5152", "")]
    cells = _cells(rows)
    columns = account_columns(cells, {0})
    assert columns == {1: 3, 2: 4, 3: 5}
    out = _texts(restore(cells, columns, 0.95, 0.79), 3)
    # The first, above its level's first number, is left to its own confidence; "538" is
    # doubted.
    assert out[0] == ("5/1", 0.9) and out[-1] == ("538", 0.79)
    assert out[1:-1] == [("51112", 0.9), ("51113", 0.9), ("51118", 0.9), ("51121", 0.9), ("51128", 0.9), ("51131", 0.9)]


def test_letters_read_for_figures_are_given_the_figures_the_chart_allows():
    rows = [("53", "411", ""), ("", "", "4ll]"), ("", "", "4118"), ("54", "412", ""), ("", "", "4121"),
            ("", "", "4122"), ("55", "413", ""), ("", "", "4131"), ("", "", "4132"), ("56", "414", "")]
    cells = _cells(rows, confidence=0.6)
    out = _texts(restore(cells, account_columns(cells, {0}), sure=0.95, doubtful=0.79), 2)
    # Only the letters say which figures: as sure as it was read.
    assert out[0] == ("4111", 0.6)


def test_a_table_that_is_no_chart_is_left_as_read():
    # Counts of three and four figures, one under the other: no sub-accounts.
    rows = [("1", "120", ""), ("", "", "4521"), ("", "", "3310"), ("2", "310", ""), ("", "", "1185"),
            ("", "", "2290"), ("3", "147", ""), ("", "", "9012"), ("", "", "5521"), ("4", "402", "")]
    cells = _cells(rows)
    assert restore(cells, account_columns(cells, {0}), sure=0.95, doubtful=0.79) == cells


def test_two_columns_of_numbers_as_wide_are_no_chart_s_levels():
    # Row numbers past 100 beside level-1 accounts, their column not known for row numbers.
    rows = [("101", "111", ""), ("", "", "1111"), ("", "", "1112"), ("102", "112", ""), ("", "", "1121"),
            ("", "", "1122"), ("103", "113", ""), ("", "", "1131"), ("", "", "1132"), ("104", "121", "")]
    assert account_columns(_cells(rows), numbering=set()) == {}
