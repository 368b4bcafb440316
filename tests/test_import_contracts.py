"""The helper package imports only downwards (site -> content -> lab), and notebooks import
only lab code plus the quiz call.

The package contracts are import-linter contracts in ``pyproject.toml``; they are checked
here on the package itself and, to show the check has teeth, on a copy of the package in
which a lab module imports site code. Notebooks are not modules, so their code cells are
read here with :mod:`ast`.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from mlpro_guide.lab.paths import REPO_ROOT

PACKAGE = REPO_ROOT / "mlpro_guide"
PYPROJECT = REPO_ROOT / "pyproject.toml"
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").rglob("*.ipynb"))
# The one name a notebook may import from outside mlpro_guide.lab.
ALLOWED_FROM_ROOT = {"show_quiz"}


def _lint_copy(tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the repository's contracts on the copy of the package under ``tmp_path``."""
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(PYPROJECT)!r}, no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_package(tmp_path: Path) -> Path:
    copy = tmp_path / "mlpro_guide"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("assets", "__pycache__"))
    return copy


def test_package_keeps_its_import_contracts():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_contracts_cover_every_module():
    """Every module belongs to one of the three layers (nothing new at the top level)."""
    top_level = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top_level == ["__init__.py"]
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == {
        "lab",
        "content",
        "site",
    }


def test_copy_of_the_package_passes(tmp_path):
    """The copy used below is checked like the package, so a failure there is the
    injected import's doing."""
    _copy_package(tmp_path)
    result = _lint_copy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("lab/figures.py", "from ..site.quiz import quiz_key", "lab uses neither"),
        ("lab/drift.py", "from ..content.questions import format_text", "lab uses neither"),
        ("content/glossary.py", "from ..site import styles", "content uses lab"),
        ("lab/canary.py", "import sphinx.application", "no Sphinx or docutils"),
    ],
)
def test_check_fails_when_a_layer_imports_upwards(tmp_path, module, line, broken):
    path = _copy_package(tmp_path) / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint_copy(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    broken_lines = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(broken in row for row in broken_lines), result.stdout


def forbidden_imports(source: str) -> list[str]:
    """The ``mlpro_guide`` imports in ``source`` that are neither lab code nor the quiz
    call. IPython magics and shell lines are skipped: they are not Python."""
    python = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )
    found = []
    for node in ast.walk(ast.parse(python)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module == "mlpro_guide":
                names = [
                    f"mlpro_guide.{alias.name}"
                    for alias in node.names
                    if alias.name not in ALLOWED_FROM_ROOT
                ]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] != "mlpro_guide":
                continue
            if name == "mlpro_guide.lab" or name.startswith("mlpro_guide.lab."):
                continue
            found.append(name)
    return found


def test_notebooks_are_found():
    assert len(NOTEBOOKS) >= 29


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_notebook_imports_only_lab_code_and_the_quiz(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    assert [name for source in code for name in forbidden_imports(source)] == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from mlpro_guide import show_quiz", []),
        ("from mlpro_guide.lab.sandbox import tracking_sandbox", []),
        ("from mlpro_guide.lab import fraud_data as fd\n%matplotlib inline", []),
        ("import mlpro_guide.lab.drift", []),
        ("from mlpro_guide.site.quiz import render_quiz_html", ["mlpro_guide.site.quiz"]),
        ("from mlpro_guide import content", ["mlpro_guide.content"]),
        ("import mlpro_guide.content.questions", ["mlpro_guide.content.questions"]),
        ("def f():\n    from mlpro_guide.site import styles", ["mlpro_guide.site"]),
    ],
)
def test_notebook_check_flags_non_lab_imports(source, expected):
    assert forbidden_imports(source) == expected


SITE_MODULES = sorted(
    ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
    for path in (REPO_ROOT / "mlpro_guide" / "site").glob("*.py")
    if path.name != "__init__.py"
)


def test_every_site_module_imports_first_in_a_fresh_interpreter():
    """Modules that import one another (the site's navigation, practice pages and study
    plan) load whichever of them comes first: a name imported from a module still loading
    fails only in that order, which a test run that imports them in another order misses."""
    failed = {}
    assert len(SITE_MODULES) >= 8
    for module in SITE_MODULES:
        run = subprocess.run(
            [sys.executable, "-c", f"import {module}"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            failed[module] = run.stderr.strip().splitlines()[-1]
    assert failed == {}
