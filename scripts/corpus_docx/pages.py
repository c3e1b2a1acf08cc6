"""On which pages of a rendered PDF each truth row is printed, read from the PDF itself.

The word processor paginates, so the pages cannot come from the source. They are found from the
PDF's words with pdfplumber alone (never with dvc_extract): the document's words are one stream in
reading order (page, line, x); each table's search starts at its caption, and each cell's words
are matched in order as a subsequence of the stream from the start of its row. A cell whose
words run onto the next page (a row broken across a page break) puts the row on both pages.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pdfplumber


# Words after a word's first piece among which its second piece is looked for.
PIECE_REACH = 40


@dataclass(frozen=True)
class Word:
    page: int      # 1-based
    top: float
    bottom: float
    x0: float
    text: str


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def word_stream(pdf_path) -> tuple[list[Word], int]:
    """Every word of the PDF in reading order, and the page count."""
    words: list[Word] = []
    with pdfplumber.open(pdf_path) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            ws = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            # Lines: words whose tops are within 2 pt share a line; then left to right.
            ws.sort(key=lambda w: (round(w["top"] / 2), w["x0"]))
            words += [Word(i, w["top"], w["bottom"], w["x0"], _nfc(w["text"])) for w in ws]
        return words, len(pdf.pages)


class Locator:
    """Finds texts in the word stream, moving forward only from a cursor."""

    def __init__(self, words: list[Word]):
        self.words = words

    def find(self, text: str, start: int) -> tuple[list[int], str]:
        """Indices of the words of `text` matched in order from `start` ([] if not found),
        and the text as printed. A word processor may break a line inside a word at
        punctuation ("phí,…)" printed as "phí," then "…)"): such a word is matched as
        consecutive pieces, and the printed text has them joined by a space, as a reader
        of the PDF joins the lines of a wrapped cell."""
        out, printed, i = [], [], start
        for token in text.split():
            while i < len(self.words):
                pieces = self._pieces(token, i)
                if pieces:
                    break
                i += 1
            if i == len(self.words):
                return [], text
            out += pieces
            printed.append(" ".join(self.words[k].text for k in pieces))
            i = pieces[-1] + 1
        return out, " ".join(printed)

    def _pieces(self, token: str, i: int) -> list[int]:
        w = self.words[i].text
        if w == token:
            return [i]
        if not (token.startswith(w) and len(w) < len(token) and not w[-1].isalnum()):
            return []
        rest = token[len(w):]
        # The rest of the word starts the next line of the same cell.
        first = self.words[i]
        height = first.bottom - first.top
        for k in range(i + 1, min(i + PIECE_REACH, len(self.words))):
            w = self.words[k]
            # On the very next line: below the first piece, less than a line farther down.
            if w.text == rest and first.bottom <= w.top + 1 < first.bottom + height:
                return [i, k]
        return []

    def find_caption(self, caption: str, start: int) -> int:
        """Index just after the caption, matched as consecutive words."""
        tokens = caption.split()
        for i in range(start, len(self.words) - len(tokens) + 1):
            if all(self.words[i + k].text == t for k, t in enumerate(tokens)):
                return i + len(tokens)
        raise LookupError(f"caption not in the PDF: {caption!r}")


def locate_rows(loc: Locator, table: dict, start: int) -> tuple[list[list[int]], int]:
    """Pages of each truth row of `table`, searching from word `start`; and where the table
    ends in the stream (the search start of the next table)."""
    cursor, pages_per_row = start, []
    for r, row in enumerate(table["rows"]):
        row_start, hits = None, []
        for cell in sorted(row["cells"], key=lambda c: c["col"]):
            idx, cell["text"] = loc.find(cell["text"], cursor)
            if not idx:
                raise LookupError(f"{table['caption']!r} row {r}: {cell['text']!r} not found")
            hits += idx
            row_start = idx[0] if row_start is None else min(row_start, idx[0])
        pages_per_row.append(sorted({loc.words[i].page for i in hits}))
        # The next row starts after this row's first cell (cells of one row share its lines).
        cursor = row_start + 1
    return pages_per_row, cursor


def texts_on_page(pdf_path, page_no: int) -> list[str]:
    """The NFC words of one page (for checks)."""
    with pdfplumber.open(pdf_path) as pdf:
        return [_nfc(w["text"]) for w in pdf.pages[page_no - 1].extract_words()]
