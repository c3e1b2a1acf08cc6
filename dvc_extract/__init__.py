"""dvc-extract: clean, verified tables from Vietnamese reports on online public services."""
from .settings import Settings

__all__ = ["extract", "Settings"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The pipeline pulls in every stage (camelot, OpenCV, …): load it on first use, so
    # `dvc-extract text repair` starts fast and a stage failing to import is reported by
    # the CLI as one line rather than a traceback before it can run.
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(f"module 'dvc_extract' has no attribute {name!r}")
