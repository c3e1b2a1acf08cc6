"""The parts of diacritic restoration: syllable candidates, case evidence, beam search.

Every word of a line gets the syllables that could have been typed as it (same
letters once marks are removed, and keeping every mark the input does have:
partial accents are evidence), each with a channel score; a beam search over the
n-gram model picks the best sequence (`repair.restore_marks`). Letter case is
carried over from the input.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..vietnamese.lm import OTHER, START, UNK, WORD_RE, NgramLM, load
from ..vietnamese.syllable import split_tone, strip_marks
from .unicode import normalize

TOKEN_RE = re.compile(WORD_RE.pattern + r"|\S")
MAX_CANDIDATES = 20
# Paths kept: on the held-aside news (VTB train) 8 gave 93.3%, 16 93.8%, 32 93.9%.
BEAM = 16
# Paths further than this (natural log) behind their line's best are dropped: at 10 the
# benchmark sets decode exactly as without the limit, at 8 two news sentences change.
PRUNE = 10.0
CASE_WEIGHT = 0.5  # weight of the case evidence beside the LM


def tokenize(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_word) for each word and each other non-space character."""
    return [(m.start(), m.end(), WORD_RE.fullmatch(m.group(0)) is not None) for m in TOKEN_RE.finditer(line)]


def lm_tokens(line: str) -> list[str]:
    """The line as the LM sees it: lower-case words, runs of anything else as one <x>."""
    line = normalize(line, "old")
    out: list[str] = []
    for s, e, is_word in tokenize(line):
        tok = line[s:e].lower().replace("’", "'") if is_word else OTHER
        if tok == OTHER and out and out[-1] == OTHER:
            continue
        out.append(tok)
    return out


class CandidateIndex:
    """Marks-stripped form -> known words, most frequent first."""

    def __init__(self, lm: NgramLM):
        groups: dict[str, list[str]] = {}
        for w in lm.words:
            groups.setdefault(strip_marks(w), []).append(w)
        self.by_key = {k: sorted(v, key=lambda w: (-lm.p_uni(w), w)) for k, v in groups.items()}
        self._seen: dict[str, list[str]] = {}

    def candidates(self, word: str) -> list[str]:
        """Known words `word` could be with marks restored, consistent with marks it has."""
        got = self._seen.get(word)
        if got is None:
            got = [c for c in self.by_key.get(strip_marks(word), []) if consistent(word, c)]
            if len(self._seen) > 100_000:
                self._seen.clear()
            self._seen[word] = got
        return got


_SENTENCE_OPENERS = ".!?:;\"(“"


def at_sentence_start(line: str, start: int) -> bool:
    """Is the word at `start` the first of its line or sentence (where a capital says nothing)?"""
    before = line[:start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


@lru_cache(maxsize=100_000)
def capitalised(observed: str, sentence_start: bool) -> bool | None:
    """Whether `observed` is Capitalised where case is evidence (a name, 'Lâm Đồng', is; a
    common word, 'làm', is not), None where it says nothing: a sentence's first word, capitals."""
    letters = [c for c in observed if c.isalpha()]
    if sentence_start or not letters or (len(letters) > 1 and all(c.isupper() for c in letters)):
        return None
    return letters[0].isupper()


def consistent(observed: str, candidate: str) -> bool:
    """Does `candidate` keep every mark that `observed` shows (letters already match)?"""
    if len(observed) != len(candidate):
        return False
    obs_base, obs_tone = split_tone(observed)
    cand_base, cand_tone = split_tone(candidate)
    if obs_tone and obs_tone != cand_tone:
        return False
    return all(o == c or o == strip_marks(o) for o, c in zip(obs_base, cand_base))


@lru_cache(maxsize=1)
def index() -> CandidateIndex:
    return CandidateIndex(load())


def apply_case(pattern: str, word: str) -> str:
    cased = [c for c in pattern if c.isalpha()]
    if len(cased) > 1 and all(c.isupper() for c in cased):
        return word.upper()
    if len(pattern) == len(word):  # letter by letter: 'M’Drak' -> 'M’Đrăk'
        return "".join(c.upper() if p.isupper() else c for p, c in zip(pattern, word))
    return word[:1].upper() + word[1:] if pattern[:1].isupper() else word


def beam_decode(lm: NgramLM, lines: list[list[list[tuple[str, float]]]]) -> list[list[str]]:
    """Best path through each line's slots (each slot a list of (lm_token, channel
    log-score)): a beam search whose paths ending in the same words are merged. The
    lines are searched side by side, a slot of each in one call of the model: the
    cost of a call is mostly its overhead, shared by all the lines."""
    assert lm.order <= 4, "a state (order-1 word ids) and its line make one 64-bit key"
    if len(lines) > 1 << 16:
        return beam_decode(lm, lines[: 1 << 16]) + beam_decode(lm, lines[1 << 16:])
    # Longest first: the lines still being searched at a step are a prefix.
    by_len = sorted(range(len(lines)), key=lambda i: -len(lines[i]))
    lens = np.array([len(lines[i]) for i in by_len], np.int64)
    toks, chan = zip(*[c for i in by_len for slot in lines[i] for c in slot]) if lines else ((), ())
    ids = np.array([lm.ids.get(t, UNK) for t in toks], np.int64)
    chan = np.array(chan, np.float64)
    width = np.array([len(slot) for i in by_len for slot in lines[i]], np.int64)
    slot_at = np.concatenate(([0], np.cumsum(width)[:-1])).astype(np.int64)
    first_slot = np.concatenate(([0], np.cumsum(lens)[:-1])).astype(np.int64)
    # A line's first word has no known context: cells and wrapped lines often start
    # mid-phrase ("lệ số lượng" after "tỷ"), so it is scored by its unigram. A path's
    # state, its last order-1 words, is one key: word ids of 16 bits, the latest lowest.
    ctx_bits = np.uint64(16 * (lm.order - 1))
    ctx_mask = np.uint64((1 << int(ctx_bits)) - 1)
    line = np.arange(len(lines))
    score = np.zeros(len(lines))
    state = np.zeros(len(lines), np.uint64)
    for _ in range(lm.order - 1):
        state = (state << np.uint64(16)) | np.uint64(START)
    shifts = np.uint64(16) * np.arange(lm.order - 2, -1, -1, dtype=np.uint64)
    at = lm.positions((state[:, None] >> shifts) & np.uint64(0xFFFF))
    steps: list[tuple[np.ndarray, np.ndarray]] = []  # per slot: each beam's parent and token
    ends = np.zeros(len(lines), np.int64)  # each line's best beam at its last slot
    for t in range(int(lens[0]) if len(lens) else 0):
        active = int((lens > t).sum())  # lines longer than t
        kept = int(np.searchsorted(line, active))
        line, score, state, at = line[:kept], score[:kept], state[:kept], at[:kept]
        beams = np.bincount(line, minlength=active)
        beam_at = np.concatenate(([0], np.cumsum(beams)[:-1]))
        slot = first_slot[:active] + t
        n = width[slot]
        pairs = beams * n
        pair_line = np.repeat(np.arange(active), pairs)
        pair_at = np.concatenate(([0], np.cumsum(pairs)[:-1]))
        k = np.arange(len(pair_line)) - np.repeat(pair_at, pairs)
        beam = beam_at[pair_line] + k // n[pair_line]
        cand = slot_at[slot][pair_line] + k % n[pair_line]
        word = ids[cand]
        ctx = ((state[:, None] >> shifts) & np.uint64(0xFFFF)).astype(np.int64)
        s, made = lm.score(ctx, beam, word, at)
        s += chan[cand]
        s += score[beam]
        # None far behind its line's best: they never win, and sorting them cost the most.
        near = np.flatnonzero(s > np.maximum.reduceat(s, pair_at)[pair_line] - PRUNE)
        # Best first within each line (ties in beam, then candidate, order); of the paths
        # that end in the same words only the best is kept; then the best BEAM of each line.
        order = near[np.lexsort((-s[near], pair_line[near]))]
        new_state = ((state[beam[order]] << np.uint64(16)) | word[order].astype(np.uint64)) & ctx_mask
        _, first = np.unique(pair_line[order].astype(np.uint64) << ctx_bits | new_state, return_index=True)
        first.sort()
        order, new_state = order[first], new_state[first]
        ranked = pair_line[order]
        best = np.arange(len(order)) - np.searchsorted(ranked, ranked) < BEAM
        order, new_state = order[best], new_state[best]
        line, score, state, at = pair_line[order], s[order], new_state, made[order]
        steps.append((beam[order], cand[order]))
        done = np.flatnonzero(lens[:active] == t + 1)
        ends[done] = np.searchsorted(line, done)
    out: list[list[str]] = [[] for _ in lines]
    for rank, i in enumerate(by_len):
        b, path = ends[rank], []
        for t in range(int(lens[rank]) - 1, -1, -1):
            parent, cand = steps[t]
            path.append(toks[cand[b]])
            b = parent[b]
        out[i] = path[::-1]
    return out
