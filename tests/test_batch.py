"""`dvc-extract batch`: real pipeline, real DuckDB, on small corpus files and bad files."""
from __future__ import annotations

import contextlib
import io
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dvc_extract.batch import main
from dvc_extract.errors import ExitCode, UsageError

ROOT = Path(__file__).resolve().parents[1]
DIGITAL = ROOT / "corpora" / "digital"

pytestmark = pytest.mark.e2e


def _run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()


def _query(store: Path, sql: str, params=()):
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _variant(src: Path, dst: Path, n: int) -> Path:
    # Bytes after %%EOF are ignored by PDF readers but change the sha256: a distinct report.
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes() + f"\n% copy {n}\n".encode())
    return dst


def _bad_files(folder: Path) -> dict[str, Path]:
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    data = (DIGITAL / "002.pdf").read_bytes()
    truncated = folder / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    encrypted = folder / "encrypted.pdf"
    c = canvas.Canvas(str(encrypted), encrypt="secret")
    c.drawString(72, 720, "Bao cao")
    c.save()
    not_pdf = folder / "notes.pdf"
    not_pdf.write_text("minutes of a meeting, not a report\n")
    (folder / "readme.txt").write_text("not a report either, and not named like one\n")
    return {"truncated": truncated, "encrypted": encrypted, "not_pdf": not_pdf}


def _blank_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive of two good reports, a duplicate, a blank page and three bad files, run once."""
    base = tmp_path_factory.mktemp("batch")
    arch = base / "archive"
    (arch / "2019").mkdir(parents=True)
    (arch / "2020").mkdir(parents=True)
    shutil.copy(DIGITAL / "001.pdf", arch / "2019" / "report.pdf")
    shutil.copy(DIGITAL / "002.pdf", arch / "2020" / "report.pdf")
    shutil.copy(DIGITAL / "002.pdf", arch / "2020" / "report-copy.pdf")
    _blank_pdf(arch / "2020" / "blank.pdf")  # nothing at all to report
    bad = _bad_files(arch / "bad")
    store, out = base / "reports.duckdb", base / "out"
    code, printed = _run(arch, "--store", store, "--out", out, "--jobs", "2")
    return {"arch": arch, "store": store, "out": out, "code": code, "printed": printed, "bad": bad}


def test_bad_files_are_recorded_and_the_batch_goes_on(archive):
    assert archive["code"] == ExitCode.SOME_FAILED
    rows = _query(archive["store"], "SELECT path, status, exit_code, error FROM documents ORDER BY path")
    by_name = {Path(p).relative_to(archive["arch"]).as_posix(): (s, c, e) for p, s, c, e in rows}
    # readme.txt is not a candidate; report-copy.pdf holds the same bytes as report.pdf.
    assert sorted(by_name) == ["2019/report.pdf", "2020/blank.pdf", "2020/report-copy.pdf", "bad/encrypted.pdf",
                               "bad/notes.pdf", "bad/truncated.pdf"]
    assert by_name["2019/report.pdf"][:2] == ("done", 0)  # a letter: claims checked, no table
    assert by_name["2020/blank.pdf"][:2] == ("no-tables", 7)
    assert by_name["2020/report-copy.pdf"][:2] == ("done", 0)
    assert by_name["bad/truncated.pdf"][:2] == ("failed", 6)
    assert by_name["bad/encrypted.pdf"][:2] == ("failed", 5)
    assert by_name["bad/notes.pdf"][:2] == ("failed", 4)
    for name in ("bad/truncated.pdf", "bad/encrypted.pdf", "bad/notes.pdf"):
        assert by_name[name][2] and "\n" not in by_name[name][2]
    printed = archive["printed"]
    assert printed.count("] failed ") == 3 and "1 duplicate" in printed
    # Outputs as the single-report command writes them, one folder per report.
    assert (archive["out"] / "2019" / "report" / "findings.json").is_file()
    assert (archive["out"] / "2020" / "report-copy" / "tables.json").is_file()


def test_store_matches_extract(archive):
    import dvc_extract

    path = archive["arch"] / "2020" / "report-copy.pdf"
    report = dvc_extract.extract(str(path.resolve()))
    store, sha = archive["store"], report.document.sha256
    (pages, status, n_tables, n_findings), = _query(
        store, "SELECT pages, status, tables, findings FROM documents WHERE sha256 = ?", [sha])
    assert (pages, status, n_tables, n_findings) == (
        report.document.page_count, "done", len(report.tables), len(report.findings))
    assert report.tables, "002 has a table"

    tables = _query(store, "SELECT table_id, caption, columns FROM tables WHERE document = ? ORDER BY table_id", [sha])
    assert tables == sorted((t.id, t.caption, list(t.columns)) for t in report.tables)

    stored = {(t, r, c): rest for t, r, c, *rest in _query(
        store, "SELECT table_id, row, col, text, raw_text, value, page, bbox, confidence, unit_id "
               "FROM cells WHERE document = ?", [sha])}
    expected = {}
    for t in report.tables:
        for i, row in enumerate(t.rows):
            for cell in row.cells:
                value = cell.value if cell.value is not None and math.isfinite(cell.value) else None
                expected[(t.id, i + 1, cell.col + 1)] = [  # rows and columns from 1
                    cell.text, cell.raw_text, value, cell.page,
                    tuple(round(float(v), 2) for v in cell.bbox), round(cell.confidence, 4),
                    row.unit.id if row.unit else None]
    assert stored.keys() == expected.keys()
    for key, want in expected.items():
        got = list(stored[key])
        got[4] = tuple(got[4])
        assert got[:2] == want[:2] and got[3:] == want[3:], key
        assert (got[2] is None and want[2] is None) or got[2] == pytest.approx(want[2]), key

    findings = _query(store, "SELECT rule, severity, verdict, table_id, row, stated FROM findings "
                             "WHERE document = ? ORDER BY seq", [sha])
    assert findings == [(f.rule, f.severity, f.verdict, f.table, None if f.row is None else f.row + 1,
                         None if f.stated is None else pytest.approx(f.stated)) for f in report.findings]

    assert _query(store, "SELECT count(*) FROM claims WHERE document = ?", [sha]) == [(len(report.claims),)]
    assert _query(store, "SELECT table_id, rule, made, passed FROM checks WHERE document = ? ORDER BY seq", [sha]) \
        == [(c.table, c.rule, c.made, c.passed) for c in report.checks] and report.checks

    # The tidy view: one line per parsed number, with its column path.
    n_values = sum(v[2] is not None for v in expected.values())
    assert _query(store, "SELECT count(*) FROM measures WHERE document = ?", [sha]) == [(n_values,)]
    first = report.tables[0]
    cell = next(c for r in first.rows for c in r.cells if c.value is not None)
    assert (first.columns[cell.col],) in _query(
        store, "SELECT DISTINCT metric FROM measures WHERE document = ? AND table_id = ?", [sha, first.id])


def test_a_store_that_counts_rows_from_0_is_refused(tmp_path):
    from dvc_extract.batch.store import Store

    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.con.execute("DELETE FROM store_info")  # as a store of an earlier version is
        store.con.execute("INSERT INTO documents (sha256, path, status, exit_code, finished_at) "
                          "VALUES ('x', 'a.pdf', 'done', 0, now())")
    with pytest.raises(UsageError, match="count from 0"):
        Store(path)


def test_rerun_skips_reports_already_in_the_store(archive):
    before = _query(archive["store"], "SELECT sha256, finished_at, attempts FROM documents ORDER BY sha256")
    started = time.monotonic()
    code, printed = _run(archive["arch"], "--store", archive["store"], "--out", archive["out"])
    assert time.monotonic() - started < 5  # nothing extracted
    assert code == ExitCode.SOME_FAILED  # the failed reports still fail these inputs
    assert "skipping 3 report(s)" in printed and "3 that failed before" in printed
    assert _query(archive["store"], "SELECT sha256, finished_at, attempts FROM documents ORDER BY sha256") == before


def test_retry_failed_redoes_only_failed_reports(archive):
    code, printed = _run(archive["arch"], "--store", archive["store"], "--out", archive["out"], "--retry-failed")
    assert code == ExitCode.SOME_FAILED
    rows = _query(archive["store"], "SELECT status, attempts, count(*) FROM documents GROUP BY ALL ORDER BY ALL")
    assert rows == [("done", 1, 2), ("failed", 2, 3), ("no-tables", 1, 1)]
    # No duplicates after a report is written twice.
    assert _query(archive["store"], "SELECT count(*) = count(DISTINCT (document, seq)) FROM findings") == [(True,)]


def test_timeout_fails_the_report(tmp_path):
    store = tmp_path / "s.duckdb"
    code, printed = _run(DIGITAL / "002.pdf", "--store", store, "--out", tmp_path / "out",
                         "--timeout", "0.5", "--jobs", "1")
    assert code == ExitCode.SOME_FAILED
    (status, exit_code, error), = _query(store, "SELECT status, exit_code, error FROM documents")
    assert (status, exit_code) == ("failed", 124) and "timed out" in error


def test_kill_mid_run_then_resume(tmp_path):
    inputs = [_variant(DIGITAL / "001.pdf", tmp_path / "in" / f"r{i}.pdf", i) for i in range(2)]
    store, out = tmp_path / "s.duckdb", tmp_path / "out"
    argv = [sys.executable, "-m", "dvc_extract.batch", *map(str, inputs),
            "--store", str(store), "--out", str(out), "--jobs", "1"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, start_new_session=True, cwd=ROOT)
    try:
        first = proc.stdout.readline()  # printed only once the report is committed
        assert first.startswith("[1/2]"), first
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent, pool and workers
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdout.close()
    committed = _query(store, "SELECT sha256 FROM documents")
    assert len(committed) == 1

    code, printed = _run(*inputs, "--store", store, "--out", out, "--jobs", "1")
    assert code == 0
    assert f"skipping {len(committed)} report(s)" in printed
    docs = _query(store, "SELECT sha256, status, attempts, findings FROM documents")
    assert len(docs) == 2 and {d[1] for d in docs} == {"done"} and {d[2] for d in docs} == {1}
    # Every report whole, none twice: the copies hold the same claims and findings.
    per_doc = _query(store, "SELECT d.sha256, d.findings, (SELECT count(*) FROM findings f WHERE f.document = d.sha256),"
                            " (SELECT count(*) FROM claims c WHERE c.document = d.sha256) FROM documents d")
    assert all(n == stated for _, stated, n, _ in per_doc)
    assert len({(n, c) for _, _, n, c in per_doc}) == 1 and per_doc[0][3] > 0
    assert _query(store, "SELECT count(*) = count(DISTINCT (document, seq)) FROM claims") == [(True,)]
    assert not list(out.rglob("*.part"))


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc")
def test_worker_killed_mid_report_fails_that_report_only(tmp_path):
    # As when the kernel's OOM killer takes a worker: that report fails, the batch goes on.
    store = tmp_path / "s.duckdb"
    argv = [sys.executable, "-m", "dvc_extract.batch", str(DIGITAL / "000.pdf"), str(DIGITAL / "001.pdf"),
            "--store", str(store), "--out", str(tmp_path / "out"), "--jobs", "1"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline:  # parent -> fork server -> worker
            workers = [w for c in _children(proc.pid) for w in _children(c)]
            time.sleep(0.2)
        assert workers
        time.sleep(1.5)  # the largest report, 000, is handed out first and runs for seconds
        os.kill(workers[0], signal.SIGKILL)
        printed, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == ExitCode.SOME_FAILED, printed
    rows = {Path(p).name: rest for p, *rest in _query(store, "SELECT path, status, exit_code, error FROM documents")}
    assert rows["000.pdf"] == ["failed", 137, "worker died (SIGKILL)"]
    assert rows["001.pdf"][:2] == ["done", 0]


def test_dask_cluster(tmp_path):
    import distributed  # the dask extra, installed by scripts/setup

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        store = tmp_path / "s.duckdb"
        code, printed = _run(DIGITAL / "001.pdf", "--store", store, "--out", tmp_path / "out", "--dask", cluster.scheduler_address)
    assert code == 0, printed
    assert sorted(_query(store, "SELECT status, exit_code FROM documents")) == [("done", 0)]
    assert (tmp_path / "out" / "001" / "tables.json").is_file()


def test_dask_missing_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as when the extra is not installed
    code = main([str(DIGITAL / "001.pdf"), "--store", str(tmp_path / "s.duckdb"), "--dask", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert code == 8 and err.count("\n") == 1 and "dvc-extract[dask]" in err


def test_missing_input_is_one_line(tmp_path, capsys):
    code = main([str(tmp_path / "nowhere"), "--store", str(tmp_path / "s.duckdb")])
    assert code == 3 and capsys.readouterr().err.count("\n") == 1


def test_discovery_takes_reports_by_name_or_by_content(tmp_path):
    from dvc_extract.batch.jobs import discover

    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a" / "B.PDF").write_bytes((DIGITAL / "002.pdf").read_bytes())
    (tmp_path / "scan-0001").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))  # a page image without a suffix
    (tmp_path / "readme.txt").write_text("not a report")
    (tmp_path / "002.truth.json").write_text("{}")
    (tmp_path / ".cache" / "x.pdf").write_bytes(b"%PDF-1.4\n")
    found = [p.relative_to(tmp_path).as_posix() for p, root in discover([tmp_path])]
    assert found == ["a/B.PDF", "scan-0001"]
