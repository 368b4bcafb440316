"""What an executed notebook printed, for the tests that read a run's output."""

from __future__ import annotations


def printed(notebook) -> str:
    """The text of every stream output (stdout and stderr) of an executed notebook."""
    return "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )
