"""The checks summary at the top of audit.html: per table and rule, how many checks were made,
how many passed and how many findings they gave. A report of no findings is clean only when
checks were made; when none could be, the page says so in as many words."""
from __future__ import annotations

import html
from collections import Counter
from typing import Optional

from ..model import Report

PROSE = "Văn bản / Prose"


def _where(report: Report, table: Optional[str]) -> str:
    if table is None:
        return PROSE
    caption = next((t.caption for t in report.tables if t.id == table), None)
    if caption and len(caption) > 70:
        caption = caption[:69] + "…"
    return f"{table} — {caption}" if caption else table


def render(report: Report) -> str:
    e = html.escape
    found = Counter((f.table, f.rule) for f in report.findings)
    rows = [(c.table, c.rule, c.made, c.passed) for c in report.checks]
    # A finding of a rule no count names (one kept from an older findings.json) still shows.
    counted = {(t, r) for t, r, *_ in rows}
    rows += [(t, r, 0, 0) for t, r in found if (t, r) not in counted]
    made, passed = sum(r[2] for r in rows), sum(r[3] for r in rows)
    out = ['<section id="checks"><h2>Kiểm tra / Checks</h2>']
    if made == 0:
        out.append('<p class="nothing" id="checks-none"><b>Không kiểm tra được gì / Nothing could be '
                   'checked:</b> không có quan hệ số liệu, số thứ tự hay con số trong văn bản nào để tính lại '
                   '/ no relation between figures, row numbering or figure in the text was found to recompute. '
                   'Không có phát hiện không có nghĩa là báo cáo đúng / No findings does not mean the report '
                   'is right.</p>')
    else:
        verdict = ("tất cả đều đạt / all passed" if passed == made
                   else f"{made - passed} không đạt / failed")
        out.append(f'<p id="checks-total">{made} phép kiểm tra / checks made, {passed} đạt / passed '
                   f"({verdict}); {len(report.findings)} phát hiện / findings.</p>")
    if rows:
        out.append('<table class="summary checks"><tr><th>Bảng / Table</th><th>Quy tắc / Rule</th>'
                   '<th>Đã kiểm tra / Made</th><th>Đạt / Passed</th><th>Phát hiện / Findings</th></tr>')
        # A table's rules together, its name once beside them.
        first = {t: i for i, (t, *_) in reversed(list(enumerate(rows)))}
        rows.sort(key=lambda r: first[r[0]])
        per_table = Counter(t for t, *_ in rows)
        for k, (table, rule, n_made, n_passed) in enumerate(rows):
            n_found = found[(table, rule)]
            cls = ' class="failed"' if n_found else ""
            name = ""
            if k == 0 or rows[k - 1][0] != table:
                name = f'<td class="where" rowspan="{per_table[table]}">{e(_where(report, table))}</td>'
            out.append(f'<tr{cls} data-table="{e(table or "")}" data-rule="{e(rule)}">{name}'
                       f"<td>{e(rule)}</td><td>{n_made}</td><td>{n_passed}</td><td>{n_found}</td></tr>")
        out.append(f'<tr class="total"><th colspan="2">Tổng / Total</th><th>{made}</th><th>{passed}</th>'
                   f"<th>{len(report.findings)}</th></tr></table>")
    out.append("</section>")
    return "\n".join(out)
