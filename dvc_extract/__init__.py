"""dvc-extract: clean, verified tables from Vietnamese reports on online public services."""
from .pipeline import extract
from .settings import Settings

__all__ = ["extract", "Settings"]
__version__ = "0.1.0"
