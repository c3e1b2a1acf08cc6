"""Scoring dvc-extract against ground truth, shared by the tests and the benchmarks.
Not shipped: the wheel holds ``dvc_extract`` only.

- :mod:`.truth`   loads a born-digital corpus truth file (``corpora/digital/<id>.truth.json``);
- :mod:`.align`   pairs extracted logical tables, rows and columns with the truth;
- :mod:`.score`   the issue's floors on logical tables (numbers, unit names, captions, stitching);
- :mod:`.grids`   raw cell grids, the common currency of dvc-extract and the tools a user would
                  otherwise pick (camelot, pdfplumber), and the row rule that scores them alike;
- :mod:`.icdar`   the ICDAR 2013 Table Competition ground truth and its two measures;
- :mod:`.ocr`     OCR against ground truth: words, cells by position, unit names;
- :mod:`.units`   precision and recall of the unit matcher on a labelled set of names;
- :mod:`.fed_in`  a real scan as users feed it in: turned, shrunk, unevenly lit, photographed.
"""
from .score import DigitalScore, floors_unmet, score_report, score_tables
from .truth import TruthReport, load_truth

__all__ = ["DigitalScore", "floors_unmet", "TruthReport", "load_truth", "score_report", "score_tables"]
