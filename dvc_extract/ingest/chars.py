"""pdfplumber's reading of a page's characters, without its general machinery.

pdfplumber turns every layout object into a dict by resolving each attribute in turn;
for characters, nine in ten of a text page's objects, that was a third of reading a
born-digital page. :func:`quick_objects` makes the same dicts for them directly (a test
holds the two equal on the corpora) and leaves every other object to pdfplumber.
"""
from __future__ import annotations

from functools import lru_cache
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

# Attribute values that resolve to themselves.
_PLAIN = frozenset((int, float, str, bool, type(None)))


def quick_objects(page: Page) -> None:
    """Let ``page`` (pdfplumber) build its character dicts the quick way."""
    page.process_object = lambda obj: _char(page, obj) if type(obj) is LTChar else Page.process_object(page, obj)


def _char(page: Page, obj: LTChar) -> dict:
    # The same keys, values and order as pdfplumber's Page.process_object gives a character.
    attr = {k: (v if type(v) in _PLAIN else _resolved(v)) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    if hasattr(obj, "ncs"):
        attr["ncs"] = _colour_space(obj.ncs.name)
    if hasattr(obj, "scs"):
        attr["scs"] = _colour_space(obj.scs.name)
    text = obj.get_text()
    attr["text"] = normalize_unicode(page.pdf.unicode_norm, text) if page.pdf.unicode_norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        return Page.process_object(page, obj)  # rare: pdfplumber repairs the name
    mb_x0, mb_top = page.mediabox[:2]
    attr["top"] = (page.height - attr["y1"]) + mb_top
    attr["bottom"] = (page.height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


@lru_cache(maxsize=256)
def _colour_space(name: str):
    # A page has a few colour spaces and thousands of characters.
    return resolve_and_decode(name)


def _resolved(v):
    # A matrix is a tuple of numbers: resolve_all would copy it number by number.
    if type(v) is tuple and all(map(_PLAIN.__contains__, map(type, v))):
        return v
    return resolve_all(v)
