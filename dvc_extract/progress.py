"""How far a run has got. The stages that take time call a :data:`Progress` with (what,
done, total) as they go ("OCR", 3, 13); the command shows it, an API caller may pass its
own or none."""
from __future__ import annotations

from typing import Callable, Optional

Progress = Callable[[str, int, int], None]


def report(progress: Optional[Progress], what: str, done: int, total: int) -> None:
    if progress is not None:
        progress(what, done, total)
