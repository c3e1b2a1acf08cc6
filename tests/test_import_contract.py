"""The import contract in pyproject.toml ([tool.importlinter]): a stage imports only the
stages before it in the pipeline. Checked here so that the test suite (and CI) fails on a
stage that imports a later one."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """lint-imports run in ``root``: the package analysed is the one there, since the
    current directory comes first on the path."""
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--no-cache", "--no-logo"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )


def test_no_stage_imports_a_later_one():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("module, later", [
    ("ingest/__init__.py", "tables"),  # a stage importing a later one
    ("scan/page.py", "layout"),  # the scan stage, below ingest, importing layout
    ("model.py", "units"),  # the foundation importing a stage
])
def test_the_contract_fails_on_a_stage_importing_a_later_one(tmp_path, module, later):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "dvc_extract", tmp_path / "dvc_extract",
                    ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "dvc_extract" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\nfrom dvc_extract import {later}  # noqa\n",
                    encoding="utf-8")
    run = lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout
    assert "BROKEN" in run.stdout and f"dvc_extract.{later}" in run.stdout, run.stdout
