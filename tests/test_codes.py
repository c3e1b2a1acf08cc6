"""A statement's codes (Mã số) known by their shape and read back by their order."""
from dvc_extract.codes import code_key, is_code_column, restore
from dvc_extract.model import Cell

# The equity side of a consolidated balance sheet as a phone-scanned page reads it
# (../shared/real/scan/vanhoa-phuongnam_2021_bctc-hopnhat_nguonvon.jpg).
READ = ["400", "410", "411", "4)Ja", "4Jlb", "412", "413", "414", "415", "421", "421a", "421b",
        "422", "429", "430", "4351", "432", "440"]
PRINTED = ["400", "410", "411", "411a", "411b", "412", "413", "414", "415", "421", "421a", "421b",
           "422", "429", "430", "431", "432", "440"]


def _cells(texts, confidence=0.5):
    return [Cell(row=i, col=2, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1, confidence=confidence)
            for i, t in enumerate(texts)]


def test_codes_out_of_their_place_are_given_back_by_their_neighbours():
    assert is_code_column(["Mã số"] + READ)
    out = restore(_cells(READ), 2, sure=0.8)
    assert [c.text for c in out] == PRINTED
    # Placed between two codes, a code is vouched for; the first and last are not.
    assert [c.confidence for c in out][1:-1] == [0.8] * (len(READ) - 2)
    assert out[0].confidence == out[-1].confidence == 0.5


def test_a_code_with_two_readings_between_its_neighbours_stays_as_read():
    # "4?" between 410 and 440: 411 … 439 all fit.
    out = restore(_cells(["400", "410", "4)", "440"]), 2, sure=0.8)
    assert [c.text for c in out] == ["400", "410", "4)", "440"]


def test_counts_and_years_are_no_codes():
    assert not is_code_column(["2021", "2022", "2023", "2024"])
    assert not is_code_column(["120", "95", "310", "47", "88"])  # not rising
    assert code_key("421b") == (421, "b", 0) and code_key("4351") is None
    assert code_key("131.1") == (131, "", 1) and code_key("01.3") == (1, "", 3)


def test_codes_keep_their_printed_width_and_their_stop():
    # The gazette's income statement form at 150 dpi: "01.3" read "013", "16.1" read "l6.1";
    # "02" is printed with its zero, never given back as "2".
    read = ["01", "01.1", "01.2", "013", "02", "03", "O4", "10", "1", "12", "16", "l6.1", "16.2", "17"]
    out = restore(_cells(read), 2, sure=0.8)
    assert [c.text for c in out] == ["01", "01.1", "01.2", "01.3", "02", "03", "04", "10", "11", "12", "16",
                                     "16.1", "16.2", "17"]
