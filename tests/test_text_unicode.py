import unicodedata

import pytest

from dvc_extract.text.unicode import normalize, place_tone
from dvc_extract.vietnamese.syllable import add_tone, is_valid, parse, split_tone, strip_marks


@pytest.mark.parametrize("new,old", [("hoà", "hòa"), ("Thuý", "Thúy"), ("khoẻ", "khỏe"),
                                     ("HOÀ BÌNH", "HÒA BÌNH"), ("thuỷ lợi", "thủy lợi")])
def test_tone_placement_styles(new, old):
    assert normalize(new, "old") == old
    assert normalize(old, "new") == new
    assert normalize(normalize(new, "old"), "old") == old


def test_nfd_becomes_nfc_and_fixed_positions_stay():
    s = "Sở Thông tin và Truyền thông, thuở, quý, giữa, khuỷu, hoạch, ngoằn"
    assert normalize(unicodedata.normalize("NFD", s)) == s
    assert normalize(s, "new") == s  # no oa/oe/uy open rhymes here


def test_non_vietnamese_words_untouched():
    assert normalize("iGate Café Ñandú 12/2018", "old") == "iGate Café Ñandú 12/2018"


def test_every_vowel_with_every_tone_round_trips_through_split():
    for v in "aăâeêioôơuưy":
        for t in range(6):
            ch = add_tone(v, t)
            assert split_tone(ch) == (v, t)


def test_syllable_validity():
    for w in ["nghiệp", "quyết", "giữa", "gì", "khuya", "thuở", "Đắk", "trường", "ý", "yêu", "oái"]:
        assert is_valid(w), w
    for w in ["nghiep", "hoéa", "thudt", "mirc", "UBND", "s&", "tàp", "lik"]:
        # 'nghiep' lacks the ê its rhyme needs; 'tàp' has a stop final with huyền
        assert not is_valid(w), w
    assert parse("gìn") == ("g", "in", 2)
    assert strip_marks("Đắk Lắk") == "Dak Lak"


def test_place_tone_keeps_case():
    assert place_tone("HOÀ", "old") == "HÒA"
    assert place_tone("Hoà", "old") == "Hòa"


def test_the_eth_an_ocr_reads_for_d_with_stroke_becomes_it():
    assert normalize("2741/QÐ-UBND ðồng") == "2741/QĐ-UBND đồng"
