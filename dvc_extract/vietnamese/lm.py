"""A small trigram language model over lower-case Vietnamese syllables.

Interpolated Witten-Bell smoothing (it takes the fractional counts of weighted
sources): each order hands mass to the order below in proportion to how many
different words follow the context, and the unigram mixes counts from the training sentences with a
large subtitle frequency list (broad coverage of rare syllables). The model is a
gzip'd JSON file in `dvc_extract/data/diacritics/`, built by `scripts/train_diacritics`
and loaded once, lazily.
"""
from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..resources import data_path
from .syllable import is_valid

MODEL_FILE = ("diacritics", "model.json.gz")  # under dvc_extract/data/, by scripts/train_diacritics
# Another model to load instead of the shipped one (benchmarks compare models this way).
MODEL_PATH: Optional[Path] = None
# A line start is treated like any other break (punctuation, numbers): lines are
# often wrapped fragments, not sentences, so a start-of-sentence context misleads.
OTHER = "<x>"
BOS = OTHER
# Share of the subtitle frequencies in the unigram (broad, but conversational).
SUBS_SHARE = 0.1  # chosen on a fifth of corpora/vi_admin/train.txt held aside
# A letter word, optionally with an inner apostrophe as in minority names (M'gar, H'Leo).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class NgramLM:
    def __init__(self, data: dict):
        self.meta = data.get("meta", {})
        self.uni: dict[str, int] = data["unigram"]
        self.subs: dict[str, int] = data["subs"]
        self.bi: dict[str, dict[str, int]] = {}
        self.tri: dict[str, dict[str, int]] = {}
        for key, table in (("bigram", self.bi), ("trigram", self.tri)):
            for gram, n in data[key].items():
                ctx, _, w = gram.rpartition(" ")
                table.setdefault(ctx, {})[w] = n
        # Types weigh as their counts do, up to one: a word-list pair seen with
        # weight 0.2 is a fifth of a sighting, not a full new continuation.
        self._ctx = {k: (sum(v.values()), sum(min(n, 1.0) for n in v.values()))
                     for t in (self.bi, self.tri) for k, v in t.items()}
        self.n_uni = sum(self.uni.values()) or 1
        self.n_subs = sum(self.subs.values()) or 1
        self.vocab = set(self.uni) | set(self.subs)
        names = set(data.get("names", ()))
        # What a repair may produce: Vietnamese syllables and known names.
        self.words = {w for w in self.vocab if w in names or is_valid(w)}
        self._cache: dict[tuple[str, str, str], float] = {}
        self.capitalised: dict[str, float] = data.get("capitalised", {})

    def case_logp(self, w: str, capitalised: bool) -> float:
        """Log-odds evidence from how a word is written inside a line: a name
        ('Lâm Đồng') is Capitalised, a common word ('làm') is not."""
        share = min(max(self.capitalised.get(w, 0.1), 0.01), 0.99)
        return math.log(share if capitalised else 1.0 - share)

    def p_uni(self, w: str) -> float:
        pc = (self.uni.get(w, 0) + 0.1) / (self.n_uni + 0.1 * len(self.vocab))
        ps = self.subs.get(w, 0) / self.n_subs
        return (1 - SUBS_SHARE) * pc + SUBS_SHARE * ps

    def _interp(self, table: dict[str, dict[str, int]], ctx: str, w: str, lower: float) -> float:
        row = table.get(ctx)
        if not row:
            return lower
        total, types = self._ctx[ctx]
        # Witten-Bell: a context followed by many different words leaves more to the order below.
        return (row.get(w, 0) + types * lower) / (total + types)

    def logp(self, u: str, v: str, w: str) -> float:
        key = (u, v, w)
        got = self._cache.get(key)
        if got is None:
            p1 = self.p_uni(w)
            p2 = self._interp(self.bi, v, w, p1)
            p3 = self._interp(self.tri, f"{u} {v}", w, p2)
            got = math.log(max(p3, 1e-12))
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[key] = got
        return got


@lru_cache(maxsize=2)
def load(path: str | None = None) -> NgramLM:
    with gzip.open(path or MODEL_PATH or data_path(*MODEL_FILE), "rt", encoding="utf-8") as f:
        return NgramLM(json.load(f))
