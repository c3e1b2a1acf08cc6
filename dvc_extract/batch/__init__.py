"""`dvc-extract batch`: many reports, in parallel and resumably, into a DuckDB store.

Modules: ``jobs`` (inputs found and planned against the store), ``task`` (one report,
run in a worker), ``local_pool`` / ``dask_cluster`` (where tasks run), ``store`` (the
DuckDB schema and its single writer), ``run`` (the command and its loop).
"""
from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from .run import main as run_main

    return run_main(argv)


__all__ = ["main"]
