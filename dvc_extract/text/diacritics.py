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

from ..vietnamese.lm import OTHER, START, WORD_RE, NgramLM, load
from ..vietnamese.syllable import split_tone, strip_marks
from .unicode import normalize

TOKEN_RE = re.compile(WORD_RE.pattern + r"|\S")
MAX_CANDIDATES = 10
# Paths kept: on the held-aside news (VTB train) 8 gave 93.3%, 16 93.8%, 32 93.9%.
BEAM = 16
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


def case_evidence(lm: NgramLM, observed: str, candidate: str, sentence_start: bool) -> float:
    """Channel score of `candidate` from the case `observed` is written in."""
    letters = [c for c in observed if c.isalpha()]
    if sentence_start or not letters or (len(letters) > 1 and all(c.isupper() for c in letters)):
        return 0.0
    return CASE_WEIGHT * lm.case_logp(candidate, letters[0].isupper())


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


def beam_decode(lm: NgramLM, slots: list[list[tuple[str, float]]]) -> list[str]:
    """Best path through `slots` (each a list of (lm_token, channel log-score)): a beam
    search whose paths ending in the same words are merged, every candidate of a slot
    scored after every beam in one call of the model."""
    # A line's first word has no known context: cells and wrapped lines often
    # start mid-phrase ("lệ số lượng" after "tỷ"), so it is scored by its unigram.
    beams: list[tuple[float, tuple[int, ...], tuple[str, ...]]] = [(0.0, (START,) * (lm.order - 1), ())]
    for slot in slots:
        toks = [t for t, _ in slot]
        ids = np.array([lm.id(t) for t in toks])
        n = len(slot)
        scores = lm.score(np.array([b[1] for b in beams]), ids)
        scores += np.array([c for _, c in slot]) + np.array([[b[0]] for b in beams])
        nxt: list[tuple[float, tuple[int, ...], tuple[str, ...]]] = []
        seen: set[tuple[int, ...]] = set()
        for flat in np.argsort(-scores, axis=None, kind="stable"):
            b, c = divmod(int(flat), n)
            state = beams[b][1][1:] + (int(ids[c]),)
            if state in seen:
                continue
            seen.add(state)
            nxt.append((float(scores[b, c]), state, beams[b][2] + (toks[c],)))
            if len(nxt) == BEAM:
                break
        beams = nxt
    return list(beams[0][2]) if beams else []
