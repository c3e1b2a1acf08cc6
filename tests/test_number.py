"""Vietnamese printed numbers and the type a column's numbers are read as."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_extract.model import split_path
from dvc_extract.text.column import read_as, shape, table_read_as
from dvc_extract.number import parse_number, parse_value

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "digital"


@pytest.mark.parametrize("text, kind, value", [
    ("1.648", "count", 1648),
    ("8.787", None, 8787),
    ("8.787", "count", 8787),
    ("39,2%", None, 39.2),
    ("57.68%", "rate", 57.68),
    ("57.68%", "count", 57.68),          # a "%" makes it a rate whatever the column says
    ("100", "rate", 100.0),
    ("1.247.855", None, 1247855),
    ("1.247.855", "rate", 1247855.0),    # repeated marks are only ever thousands
    ("46,14", None, 46.14),
    ("46,14", "count", 46.14),
    ("0,48%", None, 0.48),
    ("52.94", "rate", 52.94),
    ("52.94", "count", 52.94),           # two digits after the mark: never thousands
    ("33.616", "count", 33616),
    ("33.616", "rate", 33.616),
    ("33.616", None, 33616),             # Vietnamese print: "." groups thousands
    ("1.5", "count", 1.5),
    ("33 616", "count", 33616),          # a space as thousands mark
    ("8. 787", "count", 8787),           # a space left beside the mark
    ("39,2 %", None, 39.2),
    ("1.318|", "count", 1318),           # a rule fragment read as "|"
    ("|565", "count", 565),
    ("−5", "count", -5),                 # unicode minus
    ("-12,5%", None, -12.5),
    ("1.234,5", None, 1234.5),
    ("1,234.5", None, 1234.5),
    ("01", "count", 1),
    ("0", "rate", 0.0),
    ("5", "label", 5),
    ("(2.616.000.640)", None, -2616000640),  # an amount in brackets is negative, as accounts print it
    ("(15.059.532.573)", "count", -15059532573),
    ("(1234)", "count", -1234),
])
def test_numbers(text, kind, value):
    parsed = parse_number(text, kind)
    assert parsed.text == text
    assert parsed.value == pytest.approx(value)
    assert type(parsed.value) is type(value)


@pytest.mark.parametrize("text, kind, reason", [
    ("-", "count", "missing"),
    ("(1)", "count", "not-a-number"),    # a column's or a note's index, not minus one
    ("(12)", None, "not-a-number"),
    ("", None, "missing"),
    (None, None, "missing"),
    ("–", "rate", "missing"),
    ("72,09/100", None, "ratio"),
    ("213/338", "count", "ratio"),
    ("4.1.", "label", "not-a-number"),
    ("5.1.2.", "label", "not-a-number"),
    ("6.1", "label", "not-a-number"),
    ("374 theo QĐ 2741/QĐ-UBND", None, "ratio"),
    ("Phiên bản 2.0", None, "not-a-number"),
    ("Sở Y tế", "label", "not-a-number"),
    ("1.2.3", "count", "not-a-number"),
    ("12 34", "count", "not-a-number"),
    ("0.480.000", "count", "not-a-number"),
    ("%", "rate", "not-a-number"),
])
def test_not_numbers(text, kind, reason):
    parsed = parse_number(text, kind)
    assert parsed.value is None and parsed.reason == reason
    assert parsed.text == ("" if text is None else text)


def test_percent_flag_and_helper():
    assert parse_number("24,16%").percent and not parse_number("24,16").percent
    assert parse_value("1.608", "count") == 1608


@given(st.text(max_size=30), st.sampled_from([None, "label", "count", "rate", "text"]))
def test_parse_never_raises(text, kind):
    parsed = parse_number(text, kind)
    assert parsed.text == text
    assert parsed.value is None or isinstance(parsed.value, (int, float))


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_grouped_count_reads_back(n):
    printed = f"{n:,}".replace(",", ".")
    assert parse_number(printed, "count").value == n


@given(st.integers(min_value=0, max_value=10000), st.integers(min_value=1, max_value=99))
def test_decimal_comma_rate_reads_back(whole, hundredths):
    printed = f"{whole},{hundredths:02d}%"
    assert parse_number(printed, "rate").value == pytest.approx(whole + hundredths / 100)


@pytest.mark.parametrize("path, values, kind", [
    ("STT", ["1", "2", "3"], "label"),
    ("", ["1", "2", "3", "4"], "label"),
    ("Tên cơ quan, đơn vị", ["Sở Y tế", "Sở Nội vụ"], "label"),
    ("Tiếp nhận hồ sơ TTHC / Tổng số", ["116", "1", "8.787", "33616"], "count"),
    ("Tiếp nhận hồ sơ TTHC / Trực tuyến / Một phần", ["64", "0", "425"], "count"),
    ("Tiếp nhận hồ sơ TTHC / Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)", ["100", "99.81", "76"], "rate"),
    ("TỶ LỆ", ["100%", "1,65%"], "rate"),
    ("Kết quả", ["47.91%", "46%", "32.48%"], "rate"),
    ("Năm 2023", ["41,5", "26", "93,61", "21,68"], "rate"),
    ("Tỉnh Đắk Lắk / Năm 2021",
     ["Phiên bản 1.0", "100%", "46,14", "1.543", "712", "-", "29,55", "817.352"], "text"),
    ("SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / 02/3", ["0", "2", "676", "0"], "count"),
    ("Tỷ lệ (%)", [], "rate"),
])
def test_column_kinds(path, values, kind):
    assert read_as(split_path(path), values) == kind


def test_shapes():
    assert [shape(s) for s in ["", "-", "39,2%", "1.648", "52.94", "Sở Y tế", "2741/QĐ"]] == [
        "empty", "missing", "percent", "int", "decimal", "words", "words"]


def test_table_kinds():
    from dvc_extract.model import Cell, Row, Table, split_path

    def cell(col, text):
        return Cell(row=0, col=col, text=text, raw_text=text, bbox=(0, 0, 1, 1), page=1)

    rows = [Row([cell(0, str(i)), cell(1, f"Sở {i}"), cell(2, f"{i}.318"), cell(3, f"{i},5")])
            for i in range(1, 5)]
    paths = [split_path(c) for c in ["STT", "Tên cơ quan", "Tổng số", "Tỷ lệ (%)"]]
    table = Table("t1", None, [1], paths, rows)
    assert table_read_as(table) == ["label", "label", "count", "rate"]


def test_text_column_cells_speak_for_themselves():
    assert parse_number("1.543", "text").value == 1543
    assert parse_number("46,14", "text").value == pytest.approx(46.14)
    assert parse_number("5.1.", "label").value is None


def test_corpus_values_read_as_transcribed():
    """Every body cell of the born-digital truth: column kind inferred, value parsed."""
    total = wrong = 0
    for path in sorted(CORPUS.glob("*.truth.json")):
        for table in json.loads(path.read_text(encoding="utf-8"))["tables"]:
            by_col: dict[int, list[dict]] = {}
            for row in table["rows"]:
                for cell in row["cells"]:
                    by_col.setdefault(cell["col"], []).append(cell)
            for col, cells in by_col.items():
                kind = read_as(split_path(table["columns"][col]), [c["text"] for c in cells])
                for cell in cells:
                    got, want = parse_number(cell["text"], kind).value, cell["value"]
                    total += 1
                    wrong += not (got == want or (got is not None and want is not None
                                                  and abs(got - want) < 1e-9))
    assert total > 1000 and wrong / total <= 0.005, f"{wrong}/{total} values differ"
