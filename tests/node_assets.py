"""Run one of the site's browser scripts in Node (through tests/assets_node.js) and read
back the JSON value of an expression evaluated after it loaded."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def run_asset(script: Path, expression: str, env: dict[str, str] | None = None):
    """The value of ``expression`` once ``script`` has run; skips when Node is missing."""
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    out = subprocess.run(
        [node, str(HERE / "assets_node.js"), str(script), "--", expression],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    return json.loads(out.stdout)
