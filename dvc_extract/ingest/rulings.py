"""Drawn lines of a page as rulings: table borders, rules under headers.

Word and LibreOffice draw a border as a stroked line, a thin filled rectangle
or the sides of a cell's rectangle, often several times over; they all become
edges, and collinear near-duplicates are merged into one ruling.
"""
from __future__ import annotations

from pdfplumber import utils
from pdfplumber.table import merge_edges

from ..model import Ruling

# Edges closer than this (points) across their direction are one line: double
# strokes and the two long sides of a thin filled rectangle.
SNAP_TOLERANCE = 2.0
# Collinear pieces separated by less than this along their direction are one line.
JOIN_TOLERANCE = 2.0
# A filled rectangle at most this thick (points) is a border drawn as a box.
MAX_BORDER_WIDTH = 3.0
# Shorter edges are the ends of thin rectangles or glyph fragments, not borders.
MIN_LENGTH = 2.0
# An image at most this thick (points) and RULE_IMAGE_ASPECT times as long is a piece of a
# rule: the Official Gazette lays its dotted row rules as images 3.84 × 0.48 pt end to end,
# or one 203 × 1.44 pt across a wide column. No picture is so thin.
MAX_RULE_IMAGE = 2.0
RULE_IMAGE_ASPECT = 3.0


def rulings_from_objects(page) -> list[Ruling]:
    """Rulings from a pdfplumber page's visible lines, rectangles, curves and rule-thin images.

    A filled rectangle is a border only when thin; a larger one is shading (a
    header's or a zebra row's background), and its sides are no drawn lines.
    """
    edges = [utils.line_to_edge(o) for o in page.lines if _stroked(o)]
    for rect in page.rects:
        if _stroked(rect) or (_filled(rect) and min(rect["width"], rect["height"]) <= MAX_BORDER_WIDTH):
            edges += utils.rect_to_edges(rect)
    for curve in page.curves:
        if _stroked(curve):
            edges += utils.curve_to_edges(curve)
    for image in page.images:
        thin, long = sorted((image["width"], image["height"]))
        if thin <= MAX_RULE_IMAGE and long >= RULE_IMAGE_ASPECT * thin:
            edges += utils.rect_to_edges(image)
    return rulings_from_edges(edges)


def rulings_from_edges(edges: list[dict]) -> list[Ruling]:
    """Merge pdfplumber-style edge dicts into rulings (also used for detected lines)."""
    straight = [e for e in edges if e.get("orientation") in ("h", "v")]
    if not straight:
        return []
    merged = merge_edges(straight, SNAP_TOLERANCE, SNAP_TOLERANCE, JOIN_TOLERANCE, JOIN_TOLERANCE)
    out = []
    for e in merged:
        length = (e["x1"] - e["x0"]) if e["orientation"] == "h" else (e["bottom"] - e["top"])
        if length >= MIN_LENGTH:
            out.append(Ruling(float(e["x0"]), float(e["top"]), float(e["x1"]),
                              float(e["bottom"]), e["orientation"]))
    return sorted(out, key=lambda r: (r.orientation, r.top, r.x0))


def ruling_edges(rulings: list[Ruling]) -> list[dict]:
    """Rulings back as pdfplumber edge dicts, for its table functions."""
    return [
        {"x0": r.x0, "x1": r.x1, "top": r.top, "bottom": r.bottom,
         "width": r.x1 - r.x0, "height": r.bottom - r.top, "orientation": r.orientation}
        for r in rulings
    ]


def _stroked(obj: dict) -> bool:
    """Outlined in a visible colour; a line is stroked unless the PDF says otherwise."""
    stroked = obj.get("stroke", obj.get("object_type") == "line")
    return bool(stroked) and not _is_white(obj.get("stroking_color"))


def _filled(obj: dict) -> bool:
    """Filled in a visible colour (white boxes are page backgrounds and spacers)."""
    return bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False  # pattern colours: assume painted
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.02 for v in values)
    return bool(values) and all(v >= 0.98 for v in values)
