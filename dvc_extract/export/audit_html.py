"""`audit.html`: one self-contained page an auditor can open anywhere.

Each finding shows the cropped page image of the cells involved (rendered with
pypdfium2, or cut from the scanned image), the stated and recomputed values,
and its messages in Vietnamese and English; findings filter by severity, verdict, rule and unit.
Above them, how many checks were made and passed (audit_checks.py).
"""
from __future__ import annotations

import base64
import html
import io
import os
import tempfile
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Optional, TextIO

import numpy as np

from ..ingest.image import PdfPages
from ..labels import row_label
from ..model import COUNT_FROM, Finding, PageImage, Report, Table
from . import audit_checks
from .atomic import atomic_path

RENDER_DPI = 110
MARGIN_PT = 14.0
MAX_IMAGES = 400  # beyond this a page of findings stays readable without pictures
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
PROSE_UNIT = "(văn bản / prose)"


# Rendered pages kept at once: crops are made page by page, and a 300-page report's pages
# must not all be held.
KEPT_PAGES = 1


class PageImages:
    """Page images on demand, with pixels per PDF point; the last few kept. A scanned
    page's is its levelled array as read (mapped from disk), cut without a copy of the
    whole page; other pages are rendered (PIL images)."""

    def __init__(self, report: Report):
        self.report = report
        self.path = Path(report.document.path)
        self._cache: OrderedDict[int, Optional[tuple[object, float]]] = OrderedDict()
        self._pdf: Optional[PdfPages] = None

    def _page_width(self, number: int) -> Optional[float]:
        for p in self.report.document.pages:
            if p.number == number:
                return p.width
        return None

    def get(self, number: int):
        if number not in self._cache:
            try:
                self._cache[number] = self._render(number)
            except Exception:  # a page we cannot render still gets its finding, without picture
                self._cache[number] = None
            while len(self._cache) > KEPT_PAGES:
                _release(self._cache.popitem(last=False)[1])
        self._cache.move_to_end(number)
        return self._cache[number]

    def _render(self, number: int):
        scanned = next((p.evidence_image for p in self.report.document.pages
                        if p.number == number and p.evidence_image is not None), None)
        if scanned is not None:
            return scanned, scanned.scale
        if self.path.suffix.lower() in IMAGE_SUFFIXES:
            from PIL import Image

            img = Image.open(self.path)
            img.seek(number - 1)
            img = img.convert("RGB")
            width = self._page_width(number) or img.width
            return img, img.width / width
        if self._pdf is None:
            self._pdf = PdfPages(self.path, self.report.document.password)
        page = self._pdf[number - 1]
        scale = RENDER_DPI / 72
        # pdfium's own RGB order: the same pixels without a conversion from BGR.
        return page.render(scale=scale, rev_byteorder=True).to_pil().convert("RGB"), scale

    def close(self) -> None:
        for got in self._cache.values():
            _release(got)
        self._cache.clear()
        if self._pdf is not None:
            self._pdf.close()


def _release(got) -> None:
    if got is not None and isinstance(got[0], PageImage):
        got[0].release()


def _size(img) -> tuple[int, int]:
    if isinstance(img, PageImage):
        return img.pixels.shape[1], img.pixels.shape[0]
    return img.width, img.height


def _cut(img, box: tuple[int, int, int, int]):
    """The RGB PIL image of ``box`` (left, top, right, bottom) of a page image."""
    from PIL import Image

    if isinstance(img, PageImage):
        x0, top, x1, bottom = box
        cut = Image.fromarray(np.ascontiguousarray(img.pixels[top:bottom, x0:x1]))
        return cut if cut.mode == "RGB" else cut.convert("RGB")
    return img.crop(box)


def crop_png(images: PageImages, page: int, bboxes: list, left: Optional[float] = None,
             primary: Optional[tuple] = None) -> Optional[str]:
    """Base64 PNG of the union of ``bboxes`` on ``page`` with a margin, cells outlined:
    ``primary`` (the stated value) in red, the others (what it is checked against) in orange.
    ``left`` widens the crop to a table's left edge, so row labels show beside the numbers."""
    from PIL import Image, ImageDraw

    got = images.get(page)
    if got is None or not bboxes:
        return None
    img, s = got
    width, height = _size(img)
    x0 = max(0, min([b[0] for b in bboxes] + ([left] if left is not None else [])) - MARGIN_PT) * s
    top = max(0, min(b[1] for b in bboxes) - MARGIN_PT) * s
    x1 = min(width, (max(b[2] for b in bboxes) + MARGIN_PT) * s)
    bottom = min(height, (max(b[3] for b in bboxes) + MARGIN_PT) * s)
    if x1 <= x0 or bottom <= top:
        return None
    crop = _cut(img, (int(x0), int(top), int(x1), int(bottom)))
    draw = ImageDraw.Draw(crop)
    for b in bboxes:
        red = primary is None or tuple(b) == tuple(primary)
        draw.rectangle((b[0] * s - x0 - 1, b[1] * s - top - 1, b[2] * s - x0 + 1, b[3] * s - top + 1),
                       outline=(220, 30, 30) if red else (240, 150, 20), width=2)
    buf = io.BytesIO()
    # A 32-colour palette keeps text crisp at a fraction of the size of full colour, made by
    # fast octree (a quarter of median cut's time on a page of print, and a smaller file);
    # zlib's default level, as "optimize" took seven times as long for 8% less.
    crop.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


class _Spool:
    """Crops kept in a temporary file until the page is written: a long report's hundreds of
    crops would otherwise sit in memory together (and again in the page's text)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()

    def put(self, png: str) -> tuple[int, int]:
        data = png.encode("ascii")
        self.file.seek(0, os.SEEK_END)
        at = self.file.tell()
        self.file.write(data)
        return at, len(data)

    def get(self, where: tuple[int, int]) -> str:
        self.file.seek(where[0])
        return self.file.read(where[1]).decode("ascii")


def _crops(findings: list[Finding], tables: dict[str, Table], images: PageImages,
           spool: _Spool) -> dict[tuple[int, int], tuple[int, int]]:
    """(finding's position, page) -> where its crop is in ``spool``. Made in page order, so
    that each page is rendered once however the findings are ordered."""
    wanted = sorted(((ev.page, i) for i, f in enumerate(findings) for ev in f.evidence),
                    key=lambda pi: pi[0])
    out: dict[tuple[int, int], tuple[int, int]] = {}
    made: dict[tuple, Optional[tuple[int, int]]] = {}
    for page, i in dict.fromkeys(wanted):
        f = findings[i]
        bboxes = [tuple(ev.bbox) for ev in f.evidence if ev.page == page]
        left = _left_edges(tables.get(f.table or "")).get(page)
        primary = tuple(f.evidence[0].bbox)
        # The findings of one figure printed in several tables show each other's cells:
        # the same crop, made once.
        key = (page, tuple(bboxes), left, primary if primary in bboxes else "elsewhere")
        if key not in made:
            png = crop_png(images, page, bboxes, left, primary=primary)
            made[key] = spool.put(png) if png else None
        if made[key]:
            out[(i, page)] = made[key]
    images.close()
    return out


def _left_edges(table: Optional[Table]) -> dict[int, float]:
    """Per page, the left edge of a table's cells."""
    edges: dict[int, float] = {}
    if table is not None:
        for row in table.rows:
            for c in row.cells:
                edges[c.page] = min(edges.get(c.page, c.bbox[0]), c.bbox[0])
    return edges


def _unit_of(finding: Finding, tables: dict[str, Table]) -> str:
    table = tables.get(finding.table or "")
    if table is None:
        return PROSE_UNIT
    if finding.row is None or not 0 <= finding.row < len(table.rows):
        return "(tiêu đề / header)"
    row = table.rows[finding.row]
    return (row.unit.name if row.unit else None) or row_label(table, row) or f"{table.id} #{finding.row + COUNT_FROM}"


def _num(x: Optional[float]) -> str:
    if x is None:
        return "—"
    return f"{x:,.4f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")


_CSS = """
body{font-family:"Liberation Serif","Times New Roman",serif;margin:1.5em auto;max-width:1100px;color:#222}
h1{font-size:1.4em;margin-bottom:.2em} .meta{color:#555}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc;z-index:1}
.finding{border:1px solid #ccc;border-left:6px solid #999;margin:.8em 0;padding:.6em .9em}
.finding.error{border-left-color:#c0392b}.finding.warning{border-left-color:#e0a800}
.finding.info{border-left-color:#2f80c0}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-size:.85em}
.badge.error{background:#c0392b}.badge.warning{background:#b58900}.badge.info{background:#2f80c0}
.values td{padding:0 1em 0 0} .en{color:#555} img{max-width:100%;border:1px solid #ddd;margin:.3em 0}
table.summary td,table.summary th{padding:.1em .8em;text-align:left}
h2{font-size:1.15em;margin:.8em 0 .3em} table.checks tr.failed td{color:#c0392b}
table.checks tr.total th{border-top:1px solid #999}
table.checks td.where{vertical-align:top;color:#222;border-top:1px solid #ddd;max-width:28em}
.nothing{border:2px solid #c0392b;background:#fdf0ee;padding:.6em .9em}
"""

# Each filter is a <select id="f-<field>"> matching the findings' data-<field>; all must hold.
FILTERS = ("severity", "verdict", "rule", "unit")
_JS = """
var FILTERS=%s;
function applyFilters(){
  var want={}, n=0;
  FILTERS.forEach(function(k){want[k]=document.getElementById('f-'+k).value;});
  document.querySelectorAll('.finding').forEach(function(el){
    var ok=FILTERS.every(function(k){return !want[k]||el.dataset[k]===want[k];});
    el.style.display=ok?'':'none'; if(ok)n++;
  });
  document.getElementById('f-count').textContent=n;
}
FILTERS.forEach(function(k){document.getElementById('f-'+k).addEventListener('change',applyFilters);});
""" % ("[" + ",".join(f"'{k}'" for k in FILTERS) + "]")


def _select(field: str, label: str, values: list[str], counts: Counter) -> str:
    """One filter: every value the findings hold, with how many hold it."""
    options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)} ({counts[v]})</option>' for v in values)
    return f'{label}: <select id="f-{field}"><option value="">tất cả / all</option>{options}</select>'


def render(report: Report) -> str:
    out = io.StringIO()
    render_to(report, out)
    return out.getvalue()


def render_to(report: Report, stream: TextIO) -> None:
    """The page written to ``stream`` a piece at a time (a finding's crops read back from
    the spool as it is written), so memory holds one finding's pictures, not the page."""
    e = html.escape
    doc = report.document
    tables = {t.id: t for t in report.tables}
    by_sev = Counter(f.severity for f in report.findings)
    kinds = Counter(p.source for p in doc.pages)
    units = [_unit_of(f, tables) for f in report.findings]

    out = _Lines(stream)
    out += [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>Kiểm tra số liệu — {e(Path(doc.path).name)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Kiểm tra số liệu / Audit: {e(Path(doc.path).name)}</h1>",
        f'<p class="meta">sha256 {e(doc.sha256)} · {doc.page_count} trang / pages ('
        + ", ".join(f"{n} {e(k)}" for k, n in kinds.items()) + ")"
        + (f" · {e(doc.issuer)}" if doc.issuer else "") + (f" · {e(doc.date)}" if doc.date else "") + "</p>",
        audit_checks.render(report),
        '<h2>Bảng / Tables</h2><table class="summary"><tr><th>Bảng / Table</th><th>Trang / Pages</th><th>Dòng / Rows</th></tr>',
    ]
    for t in report.tables:
        out.append(f"<tr><td>{e(t.caption or t.id)}</td><td>{', '.join(map(str, t.pages))}</td>"
                   f"<td>{len(t.rows)}</td></tr>")
    out.append("</table>")
    out.append(
        "<p>Phát hiện / Findings: "
        + (", ".join(f"{by_sev[s]} {s}" for s in ("error", "warning", "info") if by_sev[s]) or "0")
        + "</p>"
    )
    verdicts, rules = Counter(f.verdict for f in report.findings), Counter(f.rule for f in report.findings)
    out.append('<div class="filters">'
               + _select("severity", "Mức độ / Severity", [s for s in ("error", "warning", "info") if by_sev[s]],
                         by_sev)
               + " " + _select("verdict", "Kết luận / Verdict", sorted(verdicts), verdicts)
               + " " + _select("rule", "Quy tắc / Rule", sorted(rules), rules)
               + " " + _select("unit", "Đơn vị / Unit", sorted(set(units)), Counter(units))
               + f' · <span id="f-count">{len(report.findings)}</span> hiển thị / shown</div>')

    # Errors first, then warnings, then notes; in page order within each.
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(zip(report.findings, units),
                     key=lambda fu: (rank.get(fu[0].severity, 3), min((ev.page for ev in fu[0].evidence), default=0)))
    spool = _Spool()
    crops = _crops([f for f, _ in ordered[:MAX_IMAGES]], tables, PageImages(report), spool)
    for i, (f, unit) in enumerate(ordered):
        table = tables.get(f.table or "")
        where = e(table.caption or table.id) if table else "Văn bản / Prose"
        if table and f.row is not None:
            where += f" · dòng / row {f.row + COUNT_FROM}"
        if f.columns:
            where += " · cột / col " + ", ".join(str(c + COUNT_FROM) for c in f.columns)
        pages = sorted({ev.page for ev in f.evidence})
        out.append(f'<div class="finding {e(f.severity)}" data-severity="{e(f.severity)}" '
                   f'data-verdict="{e(f.verdict)}" data-rule="{e(f.rule)}" data-unit="{e(unit)}">')
        out.append(f'<span class="badge {e(f.severity)}">{e(f.severity)}</span> <b>{e(f.verdict)}</b> '
                   f"· {e(f.rule)} · nguyên nhân / cause: {e(f.cause)} · {e(unit)}<br><small>{where}"
                   f" · trang / page {', '.join(map(str, pages))}</small>")
        if f.claim:
            out.append(f"<p><q>{e(f.claim)}</q></p>")
        out.append(f'<table class="values"><tr><td>Số nêu / Stated: <b>{_num(f.stated)}</b></td>'
                   f"<td>Tính lại / Recomputed: <b>{_num(f.recomputed)}</b></td>"
                   f"<td>Chênh lệch / Difference: {_num(f.difference)}</td></tr></table>")
        out.append(f'<p lang="vi">{e(f.message_vi)}</p><p class="en" lang="en">{e(f.message_en)}</p>')
        for page in pages:
            if (i, page) in crops:
                out.append(f'<img alt="trang {page}" src="data:image/png;base64,{spool.get(crops[(i, page)])}">')
        out.append("</div>")
    out.append(f"<script>{_JS}</script></body></html>")
    spool.file.close()


class _Lines:
    """Lines written as they come, one newline between each."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.first = stream, True

    def append(self, line: str) -> None:
        self.stream.write(line if self.first else "\n" + line)
        self.first = False

    def __iadd__(self, lines: list[str]) -> "_Lines":
        for line in lines:
            self.append(line)
        return self


def write(report: Report, outdir: Path) -> Path:
    target = Path(outdir) / "audit.html"
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as stream:
        render_to(report, stream)
    return target
