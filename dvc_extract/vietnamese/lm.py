"""An n-gram language model over lower-case Vietnamese syllables.

Interpolated modified Kneser-Ney, count-pruned, in backoff form: a seen n-gram has
its own log-probability, an unseen one the backoff weight of its context plus the
log-probability one order down. Words are 16-bit ids, so an n-gram of up to four
words is one 64-bit integer key; each order is a sorted array of keys with 8-bit
quantised log-probabilities and backoff weights, looked up with a binary search in
batches (`score`: the decoder asks for every candidate after every beam of many lines at once). The
model is `model.npz` in `dvc_extract/data/diacritics/` (its README says how it is
stored), built by `scripts/train_diacritics` and loaded once, lazily.
"""
from __future__ import annotations

import io
import math
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Optional

import numpy as np

from ..resources import data_path

MODEL_FILE = ("diacritics", "model.npz")  # under dvc_extract/data/, by scripts/train_diacritics
# Another model to load instead of the shipped one (benchmarks compare models this way).
MODEL_PATH: Optional[Path] = None
# A line start is treated like any other break (punctuation, numbers): lines are
# often wrapped fragments, not sentences, so a start-of-sentence context misleads.
OTHER = "<x>"
BOS = OTHER
# Word ids: the break, a word outside the vocabulary, and a context no n-gram holds
# (a cell's first word is scored by its unigram).
SPECIALS = (OTHER, "<unk>", "<s>")
UNK, START = 1, 2
BITS = 16  # bits of a word id
# A letter word, optionally with an inner apostrophe as in minority names (M'gar, H'Leo).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LN10 = math.log(10)


class NgramLM:
    def __init__(self, arrays: Mapping[str, np.ndarray]):
        self.order = int(arrays["order"].ravel()[0])
        self.vocab_list = bytes(arrays["words"]).decode("utf-8").split("\n")
        self.ids = {w: i for i, w in enumerate(self.vocab_list)}
        self.p1 = arrays["p1"]
        self.b1 = arrays["b1"]
        # Order n's keys from order n-1's: each (n-1)-gram repeated once per word that
        # follows it, shifted, with that word in the low bits.
        keys = np.arange(len(self.vocab_list), dtype=np.uint64)
        self.keys, self.p, self.b = {}, {}, {}
        for n in range(2, self.order + 1):
            # Built in place: the largest order is 40 MB, and temporaries would double the peak.
            repeated = np.repeat(keys, arrays[f"c{n}"])
            # A last key above every real one: a search never runs past the end.
            self.keys[n] = np.empty(len(repeated) + 1, np.uint64)
            keys = self.keys[n][:-1]
            np.left_shift(repeated, np.uint64(BITS), out=keys)
            del repeated
            keys |= arrays[f"w{n}"]
            self.keys[n][-1] = np.uint64(2**64 - 1)
            self.p[n] = (arrays[f"pq{n}"], arrays[f"pcb{n}"])
            if n < self.order:
                self.b[n] = (arrays[f"bq{n}"], arrays[f"bcb{n}"])
        self.cap = arrays["cap"].astype(np.float64) / 255
        # What a repair may produce: Vietnamese syllables and known names (Krông, M'gar).
        self.words = _repairable(self.vocab_list, arrays["repairable"])
        self._cache: dict[tuple[str, ...], float] = {}

    def id(self, w: str) -> int:
        return self.ids.get(w, UNK)

    def case_logp(self, w: str, capitalised: bool) -> float:
        """Log-odds evidence from how a word is written inside a line: a name
        ('Lâm Đồng') is Capitalised, a common word ('làm') is not."""
        i = self.ids.get(w)
        share = min(max(self.cap[i] if i is not None else 0.1, 0.01), 0.99)
        return math.log(share if capitalised else 1.0 - share)

    def p_uni(self, w: str) -> float:
        i = self.ids.get(w)
        return math.exp(self.p1[i]) if i is not None else 0.0

    def positions(self, ctx: np.ndarray) -> np.ndarray:
        """Where each context's last n words are among the n-grams (column n-2 for n = 2 ..
        order-1), -1 where unseen: R x order-2, for `score`."""
        ctx = np.asarray(ctx, np.uint64)
        at = np.full((len(ctx), self.order - 2), -1, np.int64)
        key = ctx[:, -1].copy()
        for n in range(2, self.order):
            key |= ctx[:, -n] << np.uint64(BITS * (n - 1))
            at[:, n - 2] = self.find(n, key)
        return at

    def find(self, n: int, keys: np.ndarray) -> np.ndarray:
        """Where each n-gram (as a key) is among the model's, -1 where unseen."""
        pos = _search(self.keys[n], keys)
        return np.where(self.keys[n][pos] == keys, pos, -1)

    def score(self, ctx: np.ndarray, rows: np.ndarray, words: np.ndarray,
              at: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Natural-log p(words[i] | ctx[rows[i]]) for every pair i, in the backoff form; ctx
        holds the contexts (R x order-1 ids, oldest first), ``at`` their `positions`. Also
        each pair's own positions: those of the context it makes, which the decoder's next
        step asks about (so a context is never searched for twice)."""
        ctx = np.asarray(ctx, np.uint64)
        w = np.asarray(words, np.uint64)
        rows = np.asarray(rows, np.int64)
        at = self.positions(ctx) if at is None else at
        out = self.p1[w.astype(np.int64)].astype(np.float64)
        made = np.full((len(w), self.order - 2), -1, np.int64)
        # The pairs whose n-gram was seen at the order below: an n-gram whose suffix is
        # unseen is unseen too (pruning keeps suffixes).
        live = np.arange(len(w))
        ctxkey = np.zeros(len(ctx), np.uint64)
        for n in range(2, self.order + 1):
            # The last n-1 words as one key, the latest in the lowest bits.
            ctxkey |= ctx[:, -(n - 1)] << np.uint64(BITS * (n - 2))
            if n == 2:
                bow = self.b1[ctx[:, -1].astype(np.int64)]
            else:
                codes, book = self.b[n - 1]
                seen = at[:, n - 3]
                bow = np.where(seen >= 0, book[codes[seen]], 0.0)
                # ... and an n-gram whose context is unseen is unseen (every prefix is kept).
                live = live[seen[rows[live]] >= 0]
            # Unseen: the context's backoff weight plus the order below; seen: its own.
            out += bow[rows]
            if not len(live):
                continue
            pos = self.find(n, (ctxkey[rows[live]] << np.uint64(BITS)) | w[live])
            found = pos >= 0
            live, pos = live[found], pos[found]
            codes, book = self.p[n]
            out[live] = book[codes[pos]]
            if n < self.order:
                made[live, n - 2] = pos
        return out, made

    def logp(self, *tokens: str) -> float:
        """Natural-log probability of the last token after the others (at most order-1 used)."""
        key = tokens
        got = self._cache.get(key)
        if got is None:
            ctx = [self.id(t) for t in tokens[:-1]][-(self.order - 1):]
            ctx = [START] * (self.order - 1 - len(ctx)) + ctx
            got = float(self.score(np.array([ctx]), np.zeros(1), np.array([self.id(tokens[-1])]))[0][0])
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[key] = got
        return got

    def seen(self, a: str, b: str) -> bool:
        """Whether the model holds the pair of words ``a`` ``b`` (every pair its text showed)."""
        i, j = self.ids.get(a), self.ids.get(b)
        if i is None or j is None:
            return False
        return bool(self.find(2, np.array([np.uint64(i) << np.uint64(BITS) | np.uint64(j)]))[0] >= 0)

    def follower_ids(self, prev: str) -> np.ndarray:
        """The ids of the words seen after `prev` (the bigrams that start with it)."""
        i = self.ids.get(prev)
        if i is None:
            return np.zeros(0, np.int64)
        keys = self.keys[2]
        lo, hi = np.searchsorted(keys, [np.uint64(i) << np.uint64(BITS), np.uint64(i + 1) << np.uint64(BITS)])
        return (keys[lo:hi] & np.uint64((1 << BITS) - 1)).astype(np.int64)


def _search(keys: np.ndarray, q: np.ndarray) -> np.ndarray:
    """np.searchsorted(keys, q), each distinct query once and in order: numpy narrows each
    search by the one before when they come sorted, which also keeps the array's pages in
    cache (on the model's millions of keys, several times faster than random queries), and
    the beams of a line ask for the same pairs many times."""
    distinct, back = np.unique(q, return_inverse=True)
    return np.searchsorted(keys, distinct)[back]


def quantise(values: np.ndarray, levels: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Codes (uint8) and a codebook: equally filled bins, each stood for by its mean."""
    edges = np.quantile(values, np.linspace(0, 1, levels + 1)[1:-1])
    codes = np.searchsorted(edges, values).astype(np.uint8)
    n = np.bincount(codes, minlength=levels)
    book = np.bincount(codes, weights=values, minlength=levels) / np.maximum(n, 1)
    return codes, book.astype(np.float32)


def write_model(path: Path, vocab: list[str], model: dict, capitalised: np.ndarray,
                repairable: np.ndarray) -> None:
    """Store a model: model[n] = (sorted keys, log10 p, log10 backoff) per order n, every
    n-gram's prefix an (n-1)-gram of the model. An n-gram is stored as its last word
    (uint16) under its prefix, which holds how many follow it; log-probabilities and
    backoff weights (natural logs) as 8-bit codes into a codebook per order (256 levels,
    as KenLM quantises). The zip's dates are fixed, so the file is deterministic."""
    order = max(model)
    arrays = {
        "order": np.array([order]),
        "words": np.frombuffer("\n".join(vocab).encode("utf-8"), np.uint8),
        "cap": np.round(np.clip(capitalised, 0, 1) * 255).astype(np.uint8),
        "repairable": np.packbits(repairable),
    }
    uni = np.full(len(vocab), -99.0)
    b1 = np.zeros(len(vocab))
    uni[model[1][0].astype(np.int64)] = model[1][1]
    b1[model[1][0].astype(np.int64)] = model[1][2]
    arrays["p1"] = (uni * _LN10).astype(np.float32)
    arrays["b1"] = (b1 * _LN10).astype(np.float32)
    parents = np.arange(len(vocab), dtype=np.uint64)
    for n in range(2, order + 1):
        keys, p, b = model[n]
        children = np.bincount(np.searchsorted(parents, keys >> np.uint64(BITS)), minlength=len(parents))
        assert children.max() < 1 << 16 and children.sum() == len(keys)
        arrays[f"c{n}"] = children.astype(np.uint16)
        arrays[f"w{n}"] = (keys & np.uint64((1 << BITS) - 1)).astype(np.uint16)
        arrays[f"pq{n}"], arrays[f"pcb{n}"] = quantise(p * _LN10)
        if n < order:
            arrays[f"bq{n}"], arrays[f"bcb{n}"] = quantise(b * _LN10)
        parents = keys
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            # The 8-bit codes fill their bins equally: deflate would not shrink them, only slow the load.
            method = zipfile.ZIP_STORED if name[1:2] == "q" else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0)), buf.getvalue(),
                       compress_type=method, compresslevel=6)


@lru_cache(maxsize=2)
def load(path: str | None = None) -> NgramLM:
    with np.load(path or MODEL_PATH or data_path(*MODEL_FILE), allow_pickle=False) as z:
        return NgramLM(z)  # each array read as it is used, not all at once


def _repairable(vocab_list: list[str], packed: np.ndarray) -> frozenset[str]:
    rep = np.unpackbits(packed)[: len(vocab_list)].astype(bool)
    return frozenset(vocab_list[i] for i in np.flatnonzero(rep))


@lru_cache(maxsize=2)
def repairable_words(path: str | None = None) -> frozenset[str]:
    """``load(path).words`` read alone from the model file. Telling whether a line lacks its
    marks needs only these; the model itself (a second of CPU, 200 MB) is loaded for a
    line that does."""
    with np.load(path or MODEL_PATH or data_path(*MODEL_FILE), allow_pickle=False) as z:
        return _repairable(bytes(z["words"]).decode("utf-8").split("\n"), z["repairable"])
