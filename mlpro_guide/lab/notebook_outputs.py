"""What a published notebook may show: the rules the tests check on the built pages, and
the one kernel setting both the test run and the book build give every notebook kernel.

* **No stderr output** except in a cell tagged ``allow-stderr`` (a cell that shows a
  library's warning on purpose). Library chatter is quieted at the source:
  :func:`mlpro_guide.lab.sandbox.quiet_notebook_output` (MLflow's logging, registry notes,
  progress bars, short tracebacks), :func:`mlpro_guide.lab.spark_session.start_local_spark`
  (the JVM's output goes to a log file) and :data:`QUIET_KERNEL_WARNINGS` below.
* **No path of the build machine** (the repository, the temporary folder, the Python
  environment, the home folder) in any output: a learner's machine has other paths, and
  a long path teaches nothing.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import MutableMapping
from html.parser import HTMLParser
from pathlib import Path

ALLOW_STDERR_TAG = "allow-stderr"
FULL_TRACEBACKS_VARIABLE = "MLPRO_FULL_TRACEBACKS"
"""Set to ``1`` to keep IPython's full tracebacks (for debugging a notebook)."""

QUIET_KERNEL_WARNINGS = ("ignore:IProgress not found",)
"""``PYTHONWARNINGS`` entries for notebook kernels. ``import mlflow`` imports
``tqdm.auto``, which warns in a kernel without ipywidgets before any notebook code could
filter it."""


def quiet_kernel_warnings(environ: MutableMapping[str, str] = os.environ) -> None:
    """Add :data:`QUIET_KERNEL_WARNINGS` to ``PYTHONWARNINGS`` for kernels started later."""
    entries = [entry for entry in environ.get("PYTHONWARNINGS", "").split(",") if entry]
    entries += [entry for entry in QUIET_KERNEL_WARNINGS if entry not in entries]
    environ["PYTHONWARNINGS"] = ",".join(entries)


def _machine_path_names() -> list[tuple[str, str]]:
    """This machine's folders and how a notebook output shows them, longest first."""
    from .paths import REPO_ROOT

    names = {
        str(REPO_ROOT): "<repo>",
        tempfile.gettempdir(): "<tmp>",
        sys.prefix: "<python>",
        sys.base_prefix: "<python>",
        str(Path.home()): "~",
    }
    return sorted(
        ((path, name) for path, name in names.items() if path not in ("", "/")),
        key=lambda item: -len(item[0]),
    )


def without_machine_paths(text: str) -> str:
    """``text`` with this machine's folders (the repository, the temporary folder, the
    Python environment, the home folder) written as ``<repo>``, ``<tmp>``, ``<python>``
    and ``~``: they differ on every machine, and a published output must not show the
    build machine's."""
    text = str(text)
    for path, name in _machine_path_names():
        text = text.replace(path, name)
    return text


def short_tracebacks() -> None:
    """In IPython, show an error as its type and message (``Minimal`` traceback mode),
    with this machine's folders masked, unless ``MLPRO_FULL_TRACEBACKS=1``. A cell still
    fails, so nbval and the book build still see the error. Called when a notebook
    imports ``mlpro_guide`` (every notebook does, for its quiz) and by
    :func:`mlpro_guide.lab.sandbox.tracking_sandbox`; does nothing outside IPython."""
    if os.environ.get(FULL_TRACEBACKS_VARIABLE) == "1":
        return
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    formatter = getattr(shell, "InteractiveTB", None)
    if formatter is None:
        return
    formatter.set_mode(mode="Minimal")  # prints nothing, unlike %xmode
    if getattr(formatter, "_mlpro_masked", False):
        return
    original = formatter.structured_traceback

    def masked(*args, **kwargs):
        return [without_machine_paths(line) for line in original(*args, **kwargs)]

    formatter.structured_traceback = masked
    formatter._mlpro_masked = True


def machine_paths() -> list[str]:
    """Absolute folders of this machine that must not appear in a published output."""
    from .paths import REPO_ROOT

    candidates = {
        str(REPO_ROOT),
        tempfile.gettempdir(),
        sys.prefix,
        sys.base_prefix,
        str(Path.home()),
        "/tmp/",
    }
    return sorted(path for path in candidates if path not in ("", "/"))


class _OutputCollector(HTMLParser):
    """Collects, per notebook cell of a MyST-NB page, its tags and its output blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: list[dict] = []
        self._stack: list[tuple[str, str | None]] = []  # (tag, role) of open elements
        self._cell: dict | None = None
        self._output: dict | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        role = None
        if tag == "div" and "cell" in classes:
            tags = [c.removeprefix("tag_") for c in classes if c.startswith("tag_")]
            self._cell = {"tags": tags, "outputs": []}
            self.cells.append(self._cell)
            role = "cell"
        elif tag == "div" and self._cell is not None and self._output is None:
            kind = next((k for k in ("stderr", "traceback", "stream", "text_plain", "text_html")
                         if k in classes), None)  # fmt: skip
            if "output" in classes and kind is not None:
                self._output = {"kind": kind, "text": ""}
                self._cell["outputs"].append(self._output)
                role = "output"
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self._stack.append((tag, role))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, role = self._stack.pop()
            if role == "output":
                self._output = None
            elif role == "cell":
                self._cell = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._output is not None:
            self._output["text"] += data


def notebook_outputs(page_html: str) -> list[dict]:
    """The cells of a built notebook page: ``{"tags": [...], "outputs": [{"kind",
    "text"}]}``, where kind is ``stderr``, ``traceback``, ``stream``, ``text_plain`` or
    ``text_html``."""
    collector = _OutputCollector()
    collector.feed(page_html)
    return collector.cells


def stderr_outside_allowed_cells(page_html: str) -> list[str]:
    """The first line of every stderr block in a cell not tagged ``allow-stderr``."""
    found = []
    for cell in notebook_outputs(page_html):
        if ALLOW_STDERR_TAG in cell["tags"]:
            continue
        for output in cell["outputs"]:
            if output["kind"] == "stderr":
                first = output["text"].strip().splitlines() or [""]
                found.append(first[0][:160])
    return found


def machine_paths_in_outputs(page_html: str, paths: list[str] | None = None) -> list[str]:
    """Every output line of the page that names one of ``paths`` (this machine's)."""
    paths = machine_paths() if paths is None else paths
    pattern = re.compile("|".join(re.escape(path) for path in paths))
    found = []
    for cell in notebook_outputs(page_html):
        for output in cell["outputs"]:
            for line in output["text"].splitlines():
                if pattern.search(line):
                    found.append(line.strip()[:160])
    return found
