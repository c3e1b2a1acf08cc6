"""`csv/`: one tidy CSV per table — one line per row, one column per column path — named
after the table's printed number ("Bang_11.csv", see names.py).

UTF-8 with a byte-order mark, because Excel opens a BOM-less CSV in the
system's legacy code page and mangles Vietnamese.

A CSV cannot carry a flag, so a cell with an ``unreadable`` finding is left
empty here rather than passed on as a clean value; tables.json and tables.xlsx
keep what was read, with its confidence and the finding.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..model import Report, Table
from .atomic import atomic_path
from .names import ascii_name, printed_name

ENCODING = "utf-8-sig"
# Field separator and decimal mark of each Settings.csv_dialect.
DIALECTS = {"excel": (",", "."), "excel-vn": (";", ",")}


def _cell_out(cell, decimal: str) -> object:
    # The parsed number where there is one, so a reader gets numbers, not "1.648".
    if cell.value is not None:
        v = cell.value
        return int(v) if float(v).is_integer() else repr(float(v)).replace(".", decimal)
    return cell.text


def unreadable_cells(report: Report) -> set[tuple[str, int, int]]:
    return {(f.table, f.row, col) for f in report.findings
            if f.verdict == "unreadable" and f.table is not None and f.row is not None for col in f.columns}


def write_table(table: Table, path: Path, unreadable: frozenset = frozenset(), dialect: str = "excel") -> Path:
    delimiter, decimal = DIALECTS[dialect]
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=ENCODING, newline="") as f:
            w = csv.writer(f, delimiter=delimiter)
            w.writerow(table.columns)
            for r, row in enumerate(table.rows):
                line: list[object] = [""] * len(table.columns)
                for cell in row.cells:
                    if 0 <= cell.col < len(line) and (table.id, r, cell.col) not in unreadable:
                        line[cell.col] = _cell_out(cell, decimal)
                w.writerow(line)
    return Path(path)


def write(report: Report, outdir: Path, dialect: str = "excel") -> list[Path]:
    folder = Path(outdir) / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    unreadable = frozenset(unreadable_cells(report))
    for table in report.tables:
        stem = ascii_name(printed_name(table))
        name, n = stem, 2
        while name in used:
            name, n = f"{stem}_{n}", n + 1
        used.add(name)
        written.append(write_table(table, folder / f"{name}.csv", unreadable, dialect))
    # A rerun that finds fewer tables must not leave the old ones looking current.
    for old in folder.glob("*.csv"):
        if old not in written:
            old.unlink()
    return written
