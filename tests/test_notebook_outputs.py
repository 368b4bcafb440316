"""Published notebook outputs show what teaches: no library chatter on stderr (unless a cell
is tagged ``allow-stderr``), errors as their type and message, and no path of the build
machine. The checks run on the built pages; the first tests show that each check fails on
a page that breaks its rule."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from mlpro_guide.lab.notebook_outputs import (
    machine_paths,
    machine_paths_in_outputs,
    notebook_outputs,
    quiet_kernel_warnings,
    stderr_outside_allowed_cells,
)
from mlpro_guide.lab.sandbox import without_machine_paths

from .conftest import REPO_ROOT


def page(*cells: str) -> str:
    """A built notebook page as MyST-NB writes it, with the given cells."""
    return "<main>" + "".join(cells) + "</main>"


def cell(*outputs: str, tags: tuple[str, ...] = ()) -> str:
    classes = " ".join(["cell", *(f"tag_{tag}" for tag in tags), "docutils", "container"])
    return (
        f'<div class="{classes}"><div class="cell_input docutils container">'
        '<div class="highlight"><pre>print("hi")</pre></div></div>'
        f'<div class="cell_output docutils container">{"".join(outputs)}</div></div>'
    )


def output(kind: str, text: str) -> str:
    return (
        f'<div class="output {kind} highlight-myst-ansi notranslate">'
        f'<div class="highlight"><pre><span></span>{text}</pre></div></div>'
    )


STDERR = output("stderr", "2026/11/27 INFO mlflow.store.db.utils: Creating initial tables")


def test_a_stderr_block_in_an_untagged_cell_is_reported():
    broken = page(cell(output("stream", "ok")), cell(STDERR))
    assert stderr_outside_allowed_cells(broken) == [
        "2026/11/27 INFO mlflow.store.db.utils: Creating initial tables"
    ]


def test_a_stderr_block_in_a_cell_tagged_allow_stderr_is_accepted():
    fine = page(cell(STDERR, tags=("allow-stderr",)), cell(output("stream", "ok")))
    assert stderr_outside_allowed_cells(fine) == []


def test_a_build_path_in_any_output_is_reported():
    traceback = output("traceback", "File /work/ci/.venv/lib/python3.11/site.py:3, in f()")
    printed = output("stream", "Tracking URI: sqlite:////tmp/mlpro-guide/x/mlflow.db")
    broken = page(cell(output("stream", "fine")), cell(printed), cell(traceback))
    found = machine_paths_in_outputs(broken, ["/tmp/", "/work/ci"])
    assert len(found) == 2 and "sqlite:////tmp/" in found[0] and "/work/ci" in found[1]


def test_a_path_in_the_code_of_a_cell_is_not_an_output():
    source = page(cell(output("stream", "fine")).replace('print("hi")', 'open("/tmp/x")'))
    assert [c["outputs"] for c in notebook_outputs(source)] == [[{"kind": "stream",
                                                                  "text": "fine"}]]  # fmt: skip
    assert machine_paths_in_outputs(source, ["/tmp/"]) == []


def test_machine_paths_are_masked_for_display():
    import tempfile

    shown = without_machine_paths(f"sqlite:///{tempfile.gettempdir()}/mlpro-guide/x.db")
    assert shown == "sqlite:///<tmp>/mlpro-guide/x.db"
    assert without_machine_paths(f"{sys.prefix}/bin/python") == "<python>/bin/python"
    assert without_machine_paths(str(REPO_ROOT / "notebooks")) == "<repo>/notebooks"


def test_kernels_get_the_quiet_warning_filter_once_beside_the_learners_own():
    environ = {"PYTHONWARNINGS": "error::DeprecationWarning"}
    quiet_kernel_warnings(environ)
    quiet_kernel_warnings(environ)
    assert environ["PYTHONWARNINGS"] == "error::DeprecationWarning,ignore:IProgress not found"


def test_a_sandboxed_kernel_prints_no_mlflow_chatter_and_short_errors(tmp_path):
    """In a real kernel: creating the store, registering a model twice and failing on
    purpose leave no stderr output, and the error is one line with no path."""
    import nbformat
    from nbclient import NotebookClient

    cells = [
        "from mlpro_guide.lab.sandbox import tracking_sandbox\n"
        "import mlflow, pandas as pd\n"
        f"sandbox = tracking_sandbox('quiet_check', parent={str(tmp_path / 'store')!r})",
        "class Echo(mlflow.pyfunc.PythonModel):\n"
        "    def predict(self, context, model_input: list[str]) -> list[str]:\n"
        "        return model_input\n"
        "for _ in range(2):\n"
        "    mlflow.pyfunc.log_model(name='m', python_model=Echo(),\n"
        "        registered_model_name='dev.t.echo', pip_requirements=['mlflow'])",
        "mlflow.MlflowClient().get_model_version_by_alias('dev.t.echo', 'gone')",
    ]
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.cells[-1].metadata["tags"] = ["raises-exception"]
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for variable in ("MLFLOW_TRACKING_URI", "MLPRO_FULL_TRACEBACKS"):
        environment.pop(variable, None)
    quiet_kernel_warnings(environment)
    NotebookClient(
        notebook,
        kernel_name="python3",
        allow_errors=True,
        timeout=240,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute(env=environment)
    outputs = [o for c in notebook.cells for o in c.outputs]
    stderr = [o["text"] for o in outputs if o.get("name") == "stderr"]
    assert stderr == []
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert error["ename"] == "MlflowException"
    (line,) = error["traceback"]  # type and message only: no frames, no file paths
    assert "MlflowException" in line and "alias gone not found" in line
    assert not any(path in line for path in machine_paths())


def built_notebook_pages(site: Path) -> list[Path]:
    return sorted((site / "notebooks").rglob("*.html"))


def test_built_notebook_pages_have_no_stderr_outside_allow_stderr_cells(built_site):
    found = {}
    for path in built_notebook_pages(built_site):
        blocks = stderr_outside_allowed_cells(path.read_text(encoding="utf-8"))
        if blocks:
            found[str(path.relative_to(built_site))] = blocks
    assert found == {}, "stderr output (quiet it at the source, or tag the cell " + (
        "allow-stderr if it teaches):\n" + json.dumps(found, indent=1)
    )


def test_built_notebook_pages_show_no_path_of_the_build_machine(built_site):
    found = {}
    for path in built_notebook_pages(built_site):
        lines = machine_paths_in_outputs(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(built_site))] = lines
    assert found == {}, "outputs naming this machine's folders:\n" + json.dumps(found, indent=1)


# NumPy 2 prints a scalar inside a list, tuple or dict as its constructor call.
NUMPY_SCALAR_REPR = re.compile(r"\bnp\.(?:float|int|uint|bool|str)\w*\(")


def numpy_scalar_reprs(page_html: str) -> list[str]:
    """Text output lines showing a NumPy scalar as ``np.float64(0.52)``."""
    return [
        line.strip()[:160]
        for cell in notebook_outputs(page_html)
        for output in cell["outputs"]
        if output["kind"] in ("stream", "text_plain")
        for line in output["text"].splitlines()
        if NUMPY_SCALAR_REPR.search(line)
    ]


def test_a_numpy_scalar_repr_in_an_output_is_reported():
    printed = page(cell(output("stream", "[(0, np.float64(0.52)), (0, np.float64(0.47))]")))
    assert numpy_scalar_reprs(printed) == ["[(0, np.float64(0.52)), (0, np.float64(0.47))]"]
    assert numpy_scalar_reprs(page(cell(output("stream", "step 0: loss 0.52")))) == []


def test_built_notebook_pages_print_numbers_not_numpy_scalar_reprs(built_site):
    found = {}
    for path in built_notebook_pages(built_site):
        lines = numpy_scalar_reprs(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(built_site))] = lines
    assert found == {}, "print the number (f-string or float()), not the NumPy repr:\n" + (
        json.dumps(found, indent=1)
    )
