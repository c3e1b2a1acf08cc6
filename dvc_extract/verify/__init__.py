"""Verify stage: claims in prose, and every recomputable number checked."""
from __future__ import annotations

from .claims import find_claims
from .rounding import rate_verdict
from .rules import RULES, TABLE_RULES, check
from .tally import Tally

__all__ = ["find_claims", "check", "rate_verdict", "RULES", "TABLE_RULES", "Tally"]
