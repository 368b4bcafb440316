"""Where the guide's data lives: the repository that this package is installed from."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
OBJECTIVES_FILE = REPO_ROOT / "exam" / "objectives.yml"
QUESTIONS_DIR = REPO_ROOT / "questions"
TASK_AREAS = (
    "model-development",
    "promotion",
    "feature-consistency",
    "deployment",
    "monitoring",
    "governance",
    "remediation",
)
