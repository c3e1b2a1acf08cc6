"""Verify stage: claims in prose, and every recomputable number checked."""
from __future__ import annotations

from ..model import Claim, Finding, Report, TextBlock


def find_claims(prose: list[TextBlock]) -> list[Claim]:
    return []


def check(report: Report) -> list[Finding]:
    return []
