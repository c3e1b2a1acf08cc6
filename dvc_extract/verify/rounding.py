"""When a printed rate agrees with the one recomputed from its operands, and when a
printed total agrees with the sum of its printed parts.

With ``u`` one unit of the last printed digit (63.02 → 0.01, 39,2 → 0.1, 100 → 1):

- ``|stated − r| ≤ u/2``: correct rounding — no finding;
- ``u/2 < |stated − r| < u``: ``rounding`` — truncated or rounded the wrong way
  (138.055/198.848 = 69,427… printed 69,42%);
- ``|stated − r| ≥ u``: ``inconsistent`` — the rate does not follow from its operands.
"""
from __future__ import annotations

from typing import Optional

_EPS = 1e-9


def rate_verdict(stated: float, recomputed: float, places: int) -> Optional[str]:
    """None when ``stated`` is ``recomputed`` correctly rounded to ``places`` decimals."""
    unit = 10.0 ** -places
    diff = abs(stated - recomputed)
    if diff <= unit / 2 + _EPS:
        return None
    if diff < unit - _EPS:
        return "rounding"
    return "inconsistent"


def sum_verdict(stated: float, parts: list[float], rounded: bool) -> Optional[str]:
    """None when ``stated`` is the sum of ``parts``. Amounts in a scaled unit ("tỷ đồng")
    are each printed rounded to a unit of their last digit, so the total may miss the sum
    of n parts by up to (n + 1)/2 units: ``rounding``; any other miss is ``inconsistent``."""
    diff = abs(stated - sum(parts))
    if diff < 0.5:  # whole numbers as printed
        return None
    if rounded and diff <= (len(parts) + 1) / 2 + _EPS:
        return "rounding"
    return "inconsistent"
