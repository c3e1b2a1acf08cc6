import pytest

from dvc_extract.vietnamese import legacy as L
from dvc_extract.vietnamese import legacy_encode as E
from dvc_extract.vietnamese.syllable import add_tone

LETTERS = [add_tone(v, t) for v in "aăâeêioôơuưy" for t in range(6)] + ["đ"]
LETTERS += [c.upper() for c in LETTERS]
TEXT = "Sở Nông nghiệp và Phát triển nông thôn tỉnh Đắk Lắk; Ủy ban nhân dân; THỦ TƯỚNG"


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "viscii", "cp1258"])
def test_every_letter_with_every_tone_round_trips(enc):
    for ch in LETTERS:
        encoded = E.ENCODERS[enc](ch)
        assert L.DECODERS[enc](encoded) == ch, (enc, ch, encoded)


def test_tcvn3_table_matches_known_bytes():
    # TCVN 5712:1993 (VN3) code points of a few letters
    assert L.TCVN3[0xB8] == "á" and L.TCVN3[0xA7] == "Đ" and L.TCVN3[0xD6] == "ệ"
    assert L.VISCII[0xE1] == "á" and L.VISCII[0x80] == "Ạ"


def test_tcvn3_capitals_font():
    encoded = E.encode_tcvn3("ĐẮK LẮK", capitals=True)
    assert L.decode_legacy(encoded, "ABCDEF+.VnTimeH") == "ĐẮK LẮK"
    assert L.decode_legacy(E.encode_tcvn3("Đắk Lắk"), ".VnTime,Bold") == "Đắk Lắk"


def test_tcvn3_byte_named_by_its_glyph():
    # A PDF reader gives byte 0xB5 ("à" in TCVN3) by its glyph's name "mu": Greek μ. The
    # Official Gazette's balance sheet form reads "TÀI SẢN" so in a .VnTimeH font.
    assert L.decode_legacy("T\u03bcI S\u00b6N", ".VnTimeH,Bold") == "TÀI SẢN"
    assert L.decode_legacy("t\u03bci s\u00b6n", ".VnTime") == "tài sản"


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "viscii", "cp1258"])
def test_detection_picks_the_encoding_with_most_syllables(enc):
    encoded = E.ENCODERS[enc](TEXT)
    assert encoded != TEXT
    assert L.detect_and_decode(encoded) == TEXT
    assert L.decode_legacy(encoded, "Arial") == TEXT


def test_font_names():
    assert L.font_encoding("XYZABC+.VnArialH-Bold") == ("tcvn3", True)
    assert L.font_encoding("VNI-Times") == ("vni", False)
    assert L.font_encoding("TimesNewRomanPSMT") == (None, False)


def test_unicode_text_is_left_alone():
    s = "Hòa Bình, Café, tiếng Việt có dấu: ấ ầ ẩ ẫ ậ"
    assert L.detect_and_decode(s) == s


@pytest.mark.parametrize("unicode_text", ["Số hóa hồ sơ", "Năm 2021", "Tỷ lệ hồ sơ công việc",
                                          "TỔNG SỐ HỒ SƠ ĐÃ GIẢI QUYẾT"])
def test_vni_of_latin1_letters_only_is_detected(unicode_text):
    # VNI text may hold no symbol byte at all ('Naêm', 'hoùa'): only Latin-1 letters.
    encoded = E.encode_vni(unicode_text)
    assert all(ord(c) < 0x100 for c in encoded)
    assert L.detect_and_decode(encoded) == unicode_text


@pytest.mark.parametrize("text", ["Méi truong", "Sé Tu phap", "Café José", "QĐ-UBND ngày"])
def test_ocr_accents_and_unicode_are_not_taken_for_vni(text):
    assert L.detect_and_decode(text) == text


def test_repair_decodes_vni_before_moving_tones():
    # 'hoà' is VNI for 'hồ'; placing its tone the new way first would lose that.
    from dvc_extract.text.repair import repair_text
    assert repair_text(E.encode_vni("Tỷ lệ hồ sơ được số hóa")) == "Tỷ lệ hồ sơ được số hóa"


def test_a_quotation_mark_standing_alone_is_no_legacy_letter():
    # “ and ” are the bytes of legacy capitals ("Ộ", "Ợ"): alone between spaces they would
    # count as two syllables gained by decoding a Unicode line.
    s = "đề nghị điều chỉnh chỉ tiêu “ Tỷ lệ khai thác đạt 50% ” theo lộ trình"
    assert L.detect_and_decode(s) == s
    assert L.detect_and_decode("ph¸t triÓn kinh tÕ “ x· héi ”") == "phát triển kinh tế “ xã hội ”"
