"""The package finds its own data wherever it is installed, and a missing file is a
loud, one-line error naming it, never a model that silently does nothing (issue 9)."""
import pytest

from dvc_extract.command import guarded
from dvc_extract.errors import ExitCode, MissingData
from dvc_extract.resources import data_path
from dvc_extract.text import diacritics, repair
from dvc_extract.vietnamese import lm


def test_shipped_files_are_found():
    for parts in [("kinds.json",), ("units", "agencies.json"), ("diacritics", "model.npz"),
                  ("diacritics", "confusions.json"), ("tesseract", "vie.traineddata")]:
        assert data_path(*parts).stat().st_size > 0, parts


def test_a_missing_file_is_named():
    with pytest.raises(MissingData, match=r"dvc_extract/data/units/nowhere\.json"):
        data_path("units", "nowhere.json")


@pytest.fixture
def no_language_model(monkeypatch):
    def clear():
        for cached in (lm.load, diacritics.index, repair._followers, repair._unmarked_codes, repair._neighbours):
            cached.cache_clear()

    clear()
    monkeypatch.setattr(lm, "MODEL_FILE", ("diacritics", "gone.npz"))
    yield
    monkeypatch.undo()
    clear()


def test_text_repair_without_its_model_fails_loudly(no_language_model, capsys):
    code = guarded(lambda: repair.repair_text("So Tai chinh") and 0, debug=False)
    assert code == ExitCode.MISSING_DEPENDENCY
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "dvc_extract/data/diacritics/gone.npz" in err
