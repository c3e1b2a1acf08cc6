"""OCR character confusions of an OCR without Vietnamese, as a channel model.

An English OCR reads "ở" as "&", "ơ" or "é", "ộ" as "9" or "d", "ứ" as "ir", "Đ"
as "P". `scripts/make_confusions` renders Vietnamese text, reads it with
`tesseract -l eng` and counts, letter by letter, what each true letter came out
as (zero, one or two characters); here those counts become P(read | true) with a
prior that favours reading a letter as itself or as its unmarked base. The
decoder (`repair`) combines this with the language model.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..resources import data_path
from ..vietnamese.syllable import strip_marks

CONFUSIONS_FILE = ("diacritics", "confusions.json")  # under dvc_extract/data/, by scripts/make_confusions
MAX_EMIT = 2  # a letter is read as at most two characters
PRIOR_WEIGHT = 2.0
# Characters an OCR may take a letter's shape for beyond what the rendered
# samples showed (scans degrade differently): by unmarked base letter.
SHAPES = {"d": "bpðo", "o": "0689@&ecdaq¢§", "a": "aeoidq@&", "e": "ecéo6g", "i": "il1jtf!|",
          "u": "uvwyi", "y": "yvu"}
PRIOR_SHARE = 0.1
SPLIT = 0.05  # chance a letter is read as two characters
# Unmarked forms fetched by edit distance, kept after channel ranking, and words per form.
RETRIEVE, KEYS, PER_KEY = 200, 10, 16
CONTEXT_KEYS = 30  # forms a word the LM expects from context may take


def _cost(t: str, e: str) -> float:
    """Alignment cost of true letter `t` read as `e` (used to learn, before any counts)."""
    if e == t:
        return 0.0
    if len(e) == 1:
        return 0.5 if strip_marks(e) == strip_marks(t) else 1.0
    return 1.0 if not e else 1.5


def align(truth: str, read: str) -> list[tuple[str, str]] | None:
    """Pair each letter of `truth` with what it was read as; None if the two differ too much."""
    n, m = len(truth), len(read)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(m + 1):
            for k in range(min(MAX_EMIT, j) + 1):
                c = best[i - 1][j - k] + _cost(truth[i - 1], read[j - k:j])
                if c < best[i][j]:
                    best[i][j], back[i][j] = c, k
    if best[n][m] > max(2.0, 0.6 * n):
        return None
    pairs, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        pairs.append((truth[i - 1], read[j - k:j]))
        j -= k
    return pairs[::-1]


class Channel:
    """log P(read | true) for words, from letter-level counts."""

    def __init__(self, emissions: dict[str, dict[str, int]]):
        self.counts = emissions
        self.totals = {t: sum(v.values()) for t, v in emissions.items()}
        # For retrieval: the base letter a read character most often stands for.
        votes: dict[str, dict[str, int]] = {}
        for t, row in emissions.items():
            for e, n in row.items():
                if len(e) == 1 and e != t:
                    votes.setdefault(e, {})
                    base = strip_marks(t)
                    votes[e][base] = votes[e].get(base, 0) + n
        self.reads_as = {e: max(v, key=lambda b: (v[b], b)) for e, v in votes.items()}
        self.variants: dict[str, list[str]] = {}
        for t in set(emissions) | set("aăâeêioôơuưyđ"):
            self.variants.setdefault(strip_marks(t), []).append(t)

    def _prior(self, t: str, e: str) -> float:
        if e == t:
            return 0.9
        if len(e) == 1:
            if strip_marks(e) == strip_marks(t):
                return 0.05
            return 0.005 if e in SHAPES.get(strip_marks(t), "") else 0.0005
        return 0.002 if not e else 0.00002

    def _single(self, t: str, e: str) -> float:
        row = self.counts.get(t, {})
        total = self.totals.get(t, 0)
        learned = (row.get(e, 0) + PRIOR_WEIGHT * self._prior(t, e)) / (total + PRIOR_WEIGHT)
        # Scans degrade in ways the rendered samples did not: keep a share for the prior.
        return (1 - PRIOR_SHARE) * learned + PRIOR_SHARE * self._prior(t, e)

    @lru_cache(maxsize=200_000)
    def letter(self, t: str, e: str) -> float:
        p = self._single(t, e)
        if len(e) == 2:
            # A letter read as two characters, each a plausible reading of it ('ă' -> 'ii').
            p += SPLIT * self._single(t, e[0]) * self._single(t, e[1])
        return math.log(p)

    @lru_cache(maxsize=200_000)
    def letter_any(self, base: str, e: str) -> float:
        """The best `letter` score over the marked forms of an unmarked letter."""
        return max(self.letter(t, e) for t in self.variants.get(base, [base]) + [base])

    @lru_cache(maxsize=200_000)
    def word(self, read: str, true: str, unmarked: bool = False) -> float:
        """Best segmentation of `read` into what each letter of `true` was read as.

        With `unmarked`, `true` is a marks-stripped form scored optimistically
        (each letter as its best marked form): a cheap bound to rank forms by."""
        score = self.letter_any if unmarked else self.letter
        n, m = len(true), len(read)
        if m > MAX_EMIT * n:
            return float("-inf")
        ninf = float("-inf")
        prev_row = [0.0] + [ninf] * m
        for i in range(1, n + 1):
            t = true[i - 1]
            row = [ninf] * (m + 1)
            # Only columns reachable from the start and able to reach the end.
            lo, hi = max(0, m - MAX_EMIT * (n - i)), min(m, MAX_EMIT * i)
            for j in range(lo, hi + 1):
                b = ninf
                for k in (0, 1, 2):
                    if k > j:
                        break
                    p = prev_row[j - k]
                    if p != ninf:
                        v = p + score(t, read[j - k:j])
                        if v > b:
                            b = v
                row[j] = b
            prev_row = row
        return prev_row[m]

    def skeleton(self, read: str) -> str:
        """`read` as the unmarked letters it most likely stands for ('s&' -> 'so')."""
        return "".join(self.reads_as.get(c, strip_marks(c)) if not c.isascii() or not c.isalpha()
                       else c for c in read)


@lru_cache(maxsize=1)
def channel() -> Channel:
    data = json.loads(data_path(*CONFUSIONS_FILE).read_text(encoding="utf-8"))
    return Channel(data["emissions"])


class Neighbours:
    """Known words an OCR reading may stand for, found by edit distance on unmarked forms."""

    def __init__(self, by_key: dict[str, list[str]], prior=None):
        self.by_key = by_key
        self.keys = list(by_key)
        self.prior = prior or (lambda w: 0.0)  # log prior of a word, to rank candidates

    @lru_cache(maxsize=50_000)
    def keys_of(self, read: str) -> tuple[str, ...]:
        """Unmarked forms `read` may stand for, best by the channel first."""
        ch = channel()
        queries = {ch.skeleton(read), strip_marks(read)}
        keys: set[str] = set()
        for q in queries:
            cutoff = 2
            for key, _, _ in process.extract(q, self.keys, scorer=Levenshtein.distance,
                                             score_cutoff=cutoff, limit=RETRIEVE):
                keys.add(key)
        return tuple(sorted(keys, key=lambda k: (-ch.word(read, k, True), k))[:CONTEXT_KEYS])

    @lru_cache(maxsize=50_000)
    def of(self, read: str, limit: int = 8) -> tuple[tuple[str, float], ...]:
        ch = channel()
        keys = self.keys_of(read)[:KEYS]
        scored = []
        for key in keys:
            for w in self.by_key[key][:PER_KEY]:
                scored.append((w, ch.word(read, w)))
        scored.sort(key=lambda x: (-(x[1] + 0.5 * self.prior(x[0])), x[0]))
        return tuple(scored[:limit])
