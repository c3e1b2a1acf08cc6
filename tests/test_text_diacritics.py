"""The diacritics model and the OCR confusion channel, on held-out text."""
from pathlib import Path

from dvc_extract.text.confusion import align, channel
from dvc_extract.text.diacritics import consistent
from dvc_extract.text.repair import restore_marks
from dvc_extract.text.lm import WORD_RE, load
from dvc_extract.text.syllable import strip_marks

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = (ROOT / "corpora" / "vi_admin" / "heldout.txt").read_text(encoding="utf-8").splitlines()


def _accuracy(lines):
    good = total = 0
    for line in lines:
        truth = [w.lower() for w in WORD_RE.findall(line)]
        got = [w.lower() for w in WORD_RE.findall(restore_marks(strip_marks(line)))]
        total += len(truth)
        good += sum(a == b for a, b in zip(truth, got)) if len(got) == len(truth) else 0
    return good / total


def test_restores_held_out_administrative_text():
    # Full figure: scripts/bench_diacritics. Here a quick floor on 50 held-out lines.
    assert _accuracy(HELDOUT[:50]) >= 0.95


def test_model_is_small_and_never_saw_held_out_lines():
    model = ROOT / "ocr_models" / "diacritics" / "model.json.gz"
    assert model.stat().st_size < 3_000_000
    train = set((ROOT / "corpora" / "vi_admin" / "train.txt").read_text(encoding="utf-8").splitlines())
    assert not train & set(HELDOUT)


def test_partial_marks_constrain_candidates():
    assert consistent("nghiêp", "nghiệp") and not consistent("nghiêp", "nghiép")  # ê is kept
    assert consistent("mục", "mục") and not consistent("mục", "mức")
    assert restore_marks("mục do").startswith("mục")


def test_alignment_pairs_letters_with_what_ocr_read():
    assert align("sở", "s&") == [("s", "s"), ("ở", "&")]
    assert align("mức", "mirc") == [("m", "m"), ("ứ", "ir"), ("c", "c")]
    assert align("tỉnh", "completely different") is None


def test_learned_channel_knows_english_ocr_habits():
    ch = channel()
    # learned from rendered text read by tesseract -l eng: ô is often read as é
    assert ch.letter("ô", "é") > ch.letter("ô", "x") + 3
    assert ch.word("théng", "thông") > ch.word("théng", "thăng")
    assert load().logp("<x>", "dịch", "vụ") > load().logp("<x>", "dịch", "vũ")


def test_capitals_inside_a_line_are_evidence_of_a_name():
    assert restore_marks("Ong Lam Dong") == "Ông Lâm Đồng"  # not "Làm": a name is Capitalised
    assert restore_marks("chung toi lam viec") == "chúng tôi làm việc"
