"""The `dvc-extract` console script, run for real in a subprocess."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from dvc_extract import cli, errors
from dvc_extract.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "dvc-extract"
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SAMPLE = ROOT / "corpora" / "digital" / "000.pdf"
# Long enough (OCR of four pages) that a signal sent after start-up lands inside the pipeline.
LONG_SAMPLE = ROOT / "corpora" / "scanned" / "000-t1-300dpi.pdf"

sys.path.insert(0, str(Path(__file__).parent))
from test_export import make_pdf  # noqa: E402  (the hand-drawn one-table report)


def run(*args, cwd=None, stdin=None, timeout=120):
    return subprocess.run([str(SCRIPT), *map(str, args)], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=timeout,
                          # this checkout's code, even when the venv's install is another checkout's
                          env={**os.environ, "PYTHONWARNINGS": "default", "PYTHONPATH": str(ROOT)})


def one_error_line(proc) -> str:
    lines = proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("dvc-extract: ")
    return lines[0]


def prose_pdf(path: Path, encrypt: str | None = None) -> Path:
    pdfmetrics.registerFont(TTFont("LiberationSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=(595, 842), encrypt=encrypt)
    c.setFont("LiberationSerif", 13)
    lines = [
        "BÁO CÁO Kết quả cung cấp dịch vụ công trực tuyến tháng 7/2024",
        "Tổng số dịch vụ công trực tuyến của cơ quan, đơn vị (bao gồm một",
        "phần, toàn trình): 1.317/1.648 TTHC đạt tỷ lệ 79,92%.",
        "Số TTHC cung cấp dịch vụ thanh toán trực tuyến: 320/496 TTHC, đạt tỷ lệ 64,52%.",
        "Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%.",
        "Các đơn vị tiếp tục đẩy mạnh việc tiếp nhận hồ sơ trực tuyến theo kế hoạch.",
    ]
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 22 * i, line)
    c.save()
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")
    (d / "notes.pdf").write_text("Đây là một tệp văn bản, không phải PDF.\n", encoding="utf-8")
    prose_pdf(d / "locked.pdf", encrypt="mật-khẩu")
    good = make_pdf(d / "sample.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(good[: len(good) // 3])
    prose_pdf(d / "prose.pdf")
    return d


@pytest.mark.parametrize("name, code", [
    ("missing.pdf", errors.InputNotFound.exit_code),
    ("notes.pdf", errors.UnsupportedInput.exit_code),
    ("locked.pdf", errors.EncryptedPdf.exit_code),
    ("truncated.pdf", errors.CorruptInput.exit_code),
])
def test_bad_input_is_one_line_and_its_own_code(inputs, tmp_path, name, code):
    proc = run(inputs / name, "--out", tmp_path)
    line = one_error_line(proc)
    assert proc.returncode == code, proc.stderr
    assert name in line
    assert not list(tmp_path.iterdir())  # nothing written for input that could not be read


def test_password_opens_an_encrypted_pdf_and_is_written_nowhere(inputs, tmp_path):
    proc = run(inputs / "locked.pdf", "--out", tmp_path, "--password", "mật-khẩu")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "locked"
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert [f["stated"] for f in findings if f["verdict"] == "inconsistent"] == [91.19]
    assert "data:image/png;base64," in (out / "audit.html").read_text(encoding="utf-8")  # its page rendered
    for f in out.rglob("*"):
        assert not f.is_file() or "mật-khẩu".encode() not in f.read_bytes(), f


def test_a_wrong_password_is_its_own_error(inputs, tmp_path):
    proc = run(inputs / "locked.pdf", "--out", tmp_path, "--password", "wrong")
    assert proc.returncode == errors.EncryptedPdf.exit_code
    assert "the password given does not open it" in one_error_line(proc)


def test_exit_codes_are_distinct():
    codes = [errors.InputNotFound, errors.UnsupportedInput, errors.EncryptedPdf, errors.CorruptInput,
             errors.NoTablesFound, errors.MissingDependency, errors.OutputNotWritable, errors.UsageError]
    values = [c.exit_code for c in codes] + [ExitCode.FINDINGS, ExitCode.INTERNAL, ExitCode.INTERRUPTED]
    assert len(set(values)) == len(values) and 0 not in values
    assert len({int(c) for c in ExitCode}) == len(ExitCode)  # no two names for one status


def test_pdf_without_tables_still_writes_its_outputs(inputs, tmp_path):
    # Its prose has claims, one of them inconsistent: something to report, so exit 0.
    proc = run(inputs / "prose.pdf", "--out", tmp_path)
    assert proc.returncode == ExitCode.OK and proc.stderr == "", proc.stderr
    assert "tables: 0" in proc.stdout
    out = tmp_path / "prose"
    data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    assert data["tables"] == [] and data["document"]["pages"] == 1
    assert [c["rate"] for c in data["claims"]] == [79.92, 64.52, 91.19]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["verdict"], f["stated"]) for f in findings] == [("inconsistent", 91.19)]


def test_report_summary_outputs_and_fail_on(inputs, tmp_path):
    proc = run(inputs / "sample.pdf", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = tmp_path / "sample"
    assert "1 page(s) (text-layer 1)" in proc.stdout
    assert "Bảng 1 - Tiếp nhận hồ sơ trực tuyến" in proc.stdout
    assert "findings: 1 error, 0 warning, 1 info" in proc.stdout
    assert re.search(r"^checks: [1-9]\d* made, \d+ passed$", proc.stdout, re.MULTILINE), proc.stdout
    assert f"outputs: {out}/" in proc.stdout
    assert sorted(p.name for p in out.iterdir()) == ["audit.html", "csv", "findings.json", "measures.csv",
                                                    "measures.parquet", "tables.json", "tables.xlsx"]

    failing = run(inputs / "sample.pdf", "--out", tmp_path, "--fail-on", "inconsistent", "--quiet")
    assert failing.returncode == ExitCode.FINDINGS and failing.stdout == ""


def test_format_selects_outputs(inputs, tmp_path):
    proc = run(inputs / "sample.pdf", "--out", tmp_path, "--format", "json", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "sample").iterdir()) == ["csv", "findings.json", "tables.json"]


def test_usage_errors(tmp_path):
    for args in ([], ["x.pdf", "--format", "docx"], ["x.pdf", "--fail-on", "never"]):
        proc = run(*args)
        one_error_line(proc)
        assert proc.returncode == ExitCode.USAGE


def test_unwritable_output(inputs, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = run(inputs / "sample.pdf", "--out", blocker)
    assert "cannot write outputs" in one_error_line(proc)
    assert proc.returncode == ExitCode.OUTPUT_NOT_WRITABLE


def test_unexpected_exception_is_one_line(monkeypatch, capsys, tmp_path):
    def broken(path, settings=None, progress=None):
        raise ValueError("stage exploded\nwith a second line")

    monkeypatch.setattr("dvc_extract.api.extract", broken)
    code = cli.main([str(SAMPLE), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == ExitCode.INTERNAL
    assert err.strip() == ("dvc-extract: internal error: ValueError: stage exploded with a second line "
                           "(run with --debug for details)")


def _inside_the_pipeline(proc, cpu_seconds: float = 3.5) -> None:
    """Wait until the run has spent ``cpu_seconds`` of CPU (start-up is about 2 s of it, the
    whole run about 8): a fixed sleep says nothing of where a run is on a busy machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        with open(f"/proc/{proc.pid}/stat") as f:
            utime, stime = (int(v) for v in f.read().rsplit(")", 1)[1].split()[11:13])
        if (utime + stime) / ticks >= cpu_seconds:
            return
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped"


def test_interrupt_exits_130(tmp_path):
    # Ctrl-C as a terminal sends it: the run must not inherit an ignored SIGINT, as it does
    # when the tests themselves were started in the background by a shell.
    proc = subprocess.Popen([str(SCRIPT), str(LONG_SAMPLE), "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _inside_the_pipeline(proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert err.strip() == "dvc-extract: interrupted"
    assert not [p for p in tmp_path.rglob("*.part")]


def test_text_repair_keeps_one_line_per_line():
    lines = "Sở Tài nguyên và Môi trường\n\nUBND huyện Cư M'gar   \r\nHoà Bình"
    proc = run("text", "repair", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == lines.count("\n") and not proc.stdout.endswith("\n")
    assert proc.stdout.splitlines()[0] == "Sở Tài nguyên và Môi trường"


WRAPPED = ["Van phong UBND tinh bao cao ket", "qua thuc hien thang 11/2024 tren dia ban tinh, nhu sau:"]
REPAIRED = ["Văn phòng UBND tỉnh báo cáo kết",
            "quả thực hiện tháng 11/2024 trên địa bàn tỉnh, như sau:"]


def test_text_repair_reads_a_wrapped_paragraph_as_one_text():
    # 'kết' ends a line and 'quả' starts the next: alone, the second line would begin 'qua'.
    proc = run("text", "repair", stdin="\n".join(WRAPPED) + "\n\n" + WRAPPED[1] + "\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == REPAIRED + ["", "qua" + REPAIRED[1][3:]]


def test_text_repair_answers_a_terminal_line_by_line():
    # On a terminal each line comes back before the next is typed (no look-ahead).
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(SCRIPT), "text", "repair"], stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(slave)
    try:
        os.write(master, (WRAPPED[0] + "\n").encode())
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "no line back before the next was typed"
        assert proc.stdout.readline().decode().rstrip("\n") == REPAIRED[0]
        os.write(master, (WRAPPED[1] + "\n").encode() + b"\x04")
        assert proc.stdout.readline().decode().rstrip("\n") == REPAIRED[1]
    finally:
        os.close(master)
        proc.kill()
        proc.wait()


def test_text_repair_takes_the_tone_style_and_refuses_an_unknown_one():
    new = run("text", "repair", "--set", "tone_style=new", stdin="Van hoa, the thao\nSở Văn hóa\n")
    assert new.returncode == 0, new.stderr
    assert new.stdout.splitlines() == ["Văn hoá, thể thao", "Sở Văn hoá"]
    bad = run("text", "repair", "--set", "tone_style=modern", stdin="x\n")
    assert "tone_style is one of old, new" in one_error_line(bad)
    assert bad.returncode == ExitCode.USAGE


def test_units_match_prints_best_first_or_no_match():
    good = run("units", "match", "So Tai chinh", "--province", "Đắk Lắk", "--date", "2024-07-01")
    assert good.returncode == 0, good.stderr
    lines = good.stdout.splitlines()
    assert lines[0] == "Sở Tài chính\tdl.so.tai-chinh\t100.0" and lines[1] == "runners-up:"
    commune = run("units", "match", "UBND xã Đạ Tẻh", "--province", "Lâm Đồng", "--date", "2026-01-15")
    assert commune.returncode == 0 and commune.stdout.startswith("Xã Đạ Tẻh\tlam-dong.x2025.25126\t"), commune.stdout
    # Without the province a department of every province is no one's in particular.
    shared = run("units", "match", "Sở Tài chính")
    assert shared.returncode == ExitCode.NO_MATCH and "too close to the runner-up" in shared.stdout
    none = run("units", "match", "Qwxz Plmk Zzyv")
    assert none.returncode == ExitCode.NO_MATCH, none.stderr
    assert none.stdout.splitlines()[0] == "no match"
    assert none.stdout.count("closest:") <= 1 and "runners-up:" not in none.stdout
    bad_date = run("units", "match", "Sở Tài chính", "--date", "07/2024")
    one_error_line(bad_date)
    assert bad_date.returncode == ExitCode.USAGE
    bad_province = run("units", "match", "Sở Tài chính", "--province", "Atlantis")
    assert "not the name of a province" in one_error_line(bad_province)
    assert bad_province.returncode == ExitCode.USAGE


@pytest.mark.e2e
def test_end_to_end_on_the_born_digital_sample(tmp_path):
    truth = json.loads((ROOT / "corpora" / "digital" / "000.truth.json").read_text(encoding="utf-8"))
    proc = run(SAMPLE, "--out", tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "000"
    data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "tables.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    jsonschema.validate(findings, json.loads((ROOT / "schemas" / "findings.schema.json").read_text()))
    assert [t["caption"] for t in data["tables"]] == [t["caption"] for t in truth["tables"]]
    assert data["document"]["pages"] == truth["pages"]
    # The report's prose states eight rates with their fractions; one is truncated, not rounded.
    # Two of its scores are not what their items make (5,95/12 over 4,14; 72,09/100 over 74,10).
    assert len(data["claims"]) == 8
    assert [(f["verdict"], f["stated"]) for f in findings["findings"] if f["rule"].startswith("prose")] == [
        ("rounding", 69.42), ("inconsistent", 5.95), ("inconsistent", 72.09)]
    # Every total row that does not add up in the printed report, computed from the ground truth.
    expected = set()
    for truth_table, table in zip(truth["tables"], data["tables"]):
        rows = [{c["col"]: c for c in r["cells"]} for r in truth_table["rows"]]
        label = " ".join(c.get("text") or "" for k, c in sorted(rows[-1].items()) if k < 2).strip().lower()
        if not label.startswith("tổng"):
            continue
        for col, kind in enumerate(table["column_types"]):
            values = [r[col]["value"] for r in rows[:-1] if r.get(col, {}).get("value") is not None]
            stated = rows[-1].get(col, {}).get("value")
            if kind == "count" and values and stated is not None and abs(sum(values) - stated) >= 0.5:
                expected.add((table["id"], col + 1))  # findings.json counts columns from 1
    found = {(f["table"], f["columns"][0]) for f in findings["findings"] if f["rule"] == "total-row-sum"}
    assert expected and found == expected
    # Bảng 1 prints 47.8% for Sở Kế hoạch và Đầu tư, whose own counts give 51/109 = 46.79%.
    rates = {(f["table"], f["stated"], round(f["recomputed"], 2)) for f in findings["findings"]
             if f["rule"] == "table-rate"}
    assert ("t1", 47.8, 46.79) in rates
    wb = openpyxl.load_workbook(out / "tables.xlsx", read_only=True)
    assert len(wb.sheetnames) == len(truth["tables"]) + 1
    assert len(list((out / "csv").glob("*.csv"))) == len(truth["tables"])


def test_settings_overrides_reach_the_checks(tmp_path):
    # At 1.0 no cell read by OCR is confident enough: each becomes an `unreadable` finding.
    proc = run(LONG_SAMPLE, "--out", tmp_path, "--set", "min_cell_confidence=1.0", "--fail-on", "unreadable")
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    findings = json.loads((tmp_path / LONG_SAMPLE.stem / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert sum(f["verdict"] == "unreadable" for f in findings) >= 100


@pytest.mark.parametrize("pair, said", [("no_such_setting=1", "no_such_setting"),
                                        ("ocr_dpi=5000", "ocr_dpi is between 100 and 600"),
                                        ("min_cell_confidence=5", "min_cell_confidence is between 0.0 and 1.0"),
                                        ("ocr_dpi=many", "ocr_dpi takes a int")])
def test_settings_out_of_range_are_refused_before_any_work(inputs, tmp_path, pair, said):
    bad = run(inputs / "sample.pdf", "--out", tmp_path, "--set", pair)
    assert said in one_error_line(bad) and bad.returncode == ExitCode.USAGE
    assert not list(tmp_path.iterdir())


def test_an_output_folder_that_cannot_be_written_is_said_before_any_page_is_read(tmp_path, monkeypatch,
                                                                                  capsys):
    def read(path, settings=None, progress=None):
        raise AssertionError("pages read before the output folder was checked")

    monkeypatch.setattr("dvc_extract.api.extract", read)
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = cli.main([str(LONG_SAMPLE), "--out", str(blocker / "under")])
    assert code == ExitCode.OUTPUT_NOT_WRITABLE
    assert "cannot write outputs" in capsys.readouterr().err


def test_terminate_exits_143_without_partial_files(tmp_path):
    proc = subprocess.Popen([str(SCRIPT), str(LONG_SAMPLE), "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    _inside_the_pipeline(proc)
    proc.terminate()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.TERMINATED, err
    assert err.strip() == "dvc-extract: terminated"
    assert not [p for p in tmp_path.rglob("*.part")]


def test_debug_shows_the_traceback(monkeypatch, capsys, tmp_path):
    def broken(path, settings=None, progress=None):
        raise ValueError("stage exploded")

    monkeypatch.setattr("dvc_extract.api.extract", broken)
    assert cli.main([str(SAMPLE), "--debug", "--out", str(tmp_path)]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" in err and err.strip().endswith("dvc-extract: internal error: ValueError: stage exploded")


@pytest.mark.e2e
def test_end_to_end_on_a_report_of_prose_only(tmp_path):
    """001 has no table: its 26 stated rates are checked and written (exit 0: there is
    something to report)."""
    report = ROOT / "corpora" / "digital" / "001.pdf"
    proc = run(report, "--out", tmp_path, timeout=300)
    assert proc.returncode == ExitCode.OK, proc.stderr
    data = json.loads((tmp_path / "001" / "tables.json").read_text(encoding="utf-8"))
    assert data["tables"] == [] and len(data["claims"]) == 26
    findings = json.loads((tmp_path / "001" / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["rule"], f["verdict"], f["stated"]) for f in findings] == [
        ("prose-share-of-total", "rounding", 80.5),       # 222/276 = 80,43%
        ("prose-rate-fraction", "inconsistent", 91.19),   # 1.075/1.217 = 88,33%
    ]


def test_exit_7_only_when_there_is_nothing_at_all_to_report():
    from dvc_extract.api import exit_status
    from dvc_extract.model import Claim, Document, Report

    empty = Report(document=Document(path="r.pdf", sha256="0", pages=[]), tables=[])
    assert exit_status(empty) == ExitCode.NO_TABLES
    prose = Report(document=empty.document, tables=[],
                   claims=[Claim(text="63,02% (213/338)", sentence="…", page=1, bbox=(0, 0, 1, 1),
                                 rate=63.02, numerator=213, denominator=338)])
    assert exit_status(prose) == ExitCode.OK


@pytest.mark.e2e
@pytest.mark.parametrize("quiet", [False, True])
def test_a_terminal_run_of_a_scan_shows_a_live_page_counter(tmp_path, quiet):
    """Under a pseudo-terminal the pages are counted as they are read; --quiet prints
    nothing but errors."""
    import os
    import pty

    main, child = pty.openpty()
    args = [str(SCRIPT), str(LONG_SAMPLE), "--out", str(tmp_path)] + (["--quiet"] if quiet else [])
    proc = subprocess.Popen(args, stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    text = seen.decode("utf-8", "replace")
    if quiet:
        assert text.strip() == ""
    else:
        assert "OCR" in text and "1/2" in text and "2/2" in text and "page" in text
        assert "tables: " in text  # the summary follows


def test_pages_reads_only_the_pages_asked_for_numbered_as_in_the_file(tmp_path):
    proc = run(LONG_SAMPLE, "--out", tmp_path, "--pages", "2")
    assert proc.returncode == 0, proc.stderr
    assert "1 page(s) (scanned 2)" in proc.stdout
    data = json.loads((tmp_path / LONG_SAMPLE.stem / "tables.json").read_text(encoding="utf-8"))
    assert {p for t in data["tables"] for p in t["pages"]} == {2}


@pytest.mark.parametrize("pages, said", [("2-x", "pages are numbers and ranges"), ("0", "pages are numbers"),
                                         ("5-2", "pages are numbers"), ("99", "the document has 19 page(s)")])
def test_pages_out_of_the_document_are_a_usage_error(tmp_path, pages, said):
    proc = run(ROOT / "corpora" / "digital" / "000.pdf", "--out", tmp_path, "--pages", pages)
    assert proc.returncode == ExitCode.USAGE and said in one_error_line(proc)


def test_force_ocr_reads_a_good_text_layer_from_its_image(tmp_path):
    report = ROOT / "corpora" / "digital" / "002.pdf"
    proc = run(report, "--out", tmp_path, "--pages", "1", "--force-ocr")
    assert proc.returncode == 0, proc.stderr
    assert "1 page(s) (scanned 1)" in proc.stdout
    data = json.loads((tmp_path / "002" / "tables.json").read_text(encoding="utf-8"))
    assert all(c["source"] == "ocr" for t in data["tables"] for r in t["rows"] for c in r["cells"])


def test_force_ocr_and_skip_text_exclude_each_other(tmp_path):
    proc = run(ROOT / "corpora" / "digital" / "002.pdf", "--out", tmp_path, "--force-ocr", "--skip-text")
    assert proc.returncode == ExitCode.USAGE and "not allowed with" in one_error_line(proc)


@pytest.mark.e2e
def test_pages_read_in_several_processes_give_the_same_outputs(tmp_path):
    report = ROOT / "corpora" / "scanned" / "000-t5-6-200dpi-stamp.pdf"
    outs = {}
    for jobs in (1, 2):
        proc = run(report, "--out", tmp_path / str(jobs), "--jobs", jobs, "--format", "json", timeout=600)
        assert proc.returncode == 0, proc.stderr
        outs[jobs] = [(tmp_path / str(jobs) / report.stem / name).read_text(encoding="utf-8")
                      for name in ("tables.json", "findings.json")]
    assert outs[1] == outs[2]
    assert json.loads(outs[2][0])["document"]["kinds"] == ["scanned", "scanned"]


def test_batch_reads_the_pages_of_a_report_one_at_a_time(tmp_path):
    proc = run("batch", ROOT / "corpora" / "digital" / "000.pdf", "--store", tmp_path / "s.duckdb",
               "--set", "jobs=2")
    assert proc.returncode == ExitCode.USAGE and "setting jobs is 1" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def _cell_text(data: dict, table: str, row: int, col: int, text: str) -> None:
    (t,) = [t for t in data["tables"] if t["id"] == table]
    (cell,) = [c for c in t["rows"][row - 1]["cells"] if c["col"] == col]  # as findings.json counts
    cell["text"] = text


@pytest.mark.e2e
def test_verify_again_a_tables_json_corrected_by_hand(tmp_path):
    proc = run(ROOT / "corpora" / "digital" / "002.pdf", "--out", tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "002"
    before = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    # Unchanged, the tables give the same findings.
    assert run("verify", out / "tables.json").returncode == 0
    assert json.loads((out / "findings.json").read_text(encoding="utf-8")) == before
    assert [(f["table"], f["row"], f["columns"], f["stated"]) for f in before["findings"]] == [("t1", 22, [4], 19.3)]
    # The auditor types 19,12 over 19,3 (its own operands give 48/251 = 19,12), and one more cell
    # is mistyped: 39,13 (655/1.674) becomes 93,13.
    data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    _cell_text(data, "t1", 22, 4, "19,12")
    _cell_text(data, "t1", 8, 4, "93,13")
    (out / "tables.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run("verify", out / "tables.json", "--fail-on", "inconsistent")
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    after = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    jsonschema.validate(after, json.loads((ROOT / "schemas" / "findings.schema.json").read_text()))
    assert [(f["rule"], f["row"], f["columns"], f["stated"], round(f["recomputed"], 2)) for f in after["findings"]] \
        == [("indicator-rate", 8, [4], 93.13, 39.13)]
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert "93,13" in page and "19,3 " not in page
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    commented = [c.value for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.comment]
    assert commented == [93.13]
