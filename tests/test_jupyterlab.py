"""The quiz inside JupyterLab: after a learner runs the notebook, the quiz's Check button
appears, and arrow keys change the chosen option without moving JupyterLab's active cell."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from mlpro_guide.lab.sandbox import free_port

pytestmark = pytest.mark.browser

NOTEBOOK = "quiz.ipynb"
QUIZ_CALL = 'show_quiz("orientation")'


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab on 127.0.0.1, serving this repository, stopped after the module."""
    port, token = free_port(), secrets.token_hex(16)
    settings = tmp_path_factory.mktemp("jupyter")
    # A notebook of one quiz cell, as the chapters end: the chapter notebooks themselves
    # run once per test run, in nbval, not again here.
    root = tmp_path_factory.mktemp("lab")
    quiz_cell = nbformat.v4.new_code_cell(f"from mlpro_guide import show_quiz\n{QUIZ_CALL}")
    notebook = nbformat.v4.new_notebook(
        cells=[quiz_cell],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(notebook, root / NOTEBOOK)
    environment = dict(
        os.environ, JUPYTER_CONFIG_DIR=str(settings), JUPYTER_RUNTIME_DIR=str(settings)
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
            f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start within 60 s", pytrace=False)
                time.sleep(0.5)
        yield url, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_the_quiz_works_in_jupyterlab_and_arrows_stay_in_the_quiz(browser, jupyterlab):
    url, token = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{url}/lab/tree/{NOTEBOOK}?token={token}&reset")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    select_kernel = page.get_by_role("button", name="Select", exact=True)
    try:
        select_kernel.click(timeout=10_000)
    except Exception:
        pass  # JupyterLab started the notebook's kernel without asking
    page.locator(".jp-NotebookPanel-toolbar").wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run").click()
    page.locator("li[data-command='runmenu:run-all']").click()
    check = page.locator("button.mlpro-check").first
    check.wait_for(timeout=120_000)

    fieldset = page.locator("fieldset.mlpro-question").first
    fieldset.scroll_into_view_if_needed()
    active_before = page.locator(".jp-Cell.jp-mod-active").first.get_attribute(
        "data-windowed-list-index"
    )
    first_radio = fieldset.locator("input[type=radio]").first
    first_radio.click()
    page.keyboard.press("ArrowDown")
    chosen = fieldset.locator("input[type=radio]:checked").get_attribute("value")
    active_after = page.locator(".jp-Cell.jp-mod-active").first.get_attribute(
        "data-windowed-list-index"
    )
    assert chosen == "B", "the arrow key moved the choice to the next option"
    assert active_before == active_after, "the arrow key must not move JupyterLab's active cell"
    assert fieldset.locator(".mlpro-feedback").inner_text() == ""

    check.click()
    answer = fieldset.get_attribute("data-answer")
    expected = "✔ Correct" if answer == "B" else "✘ Incorrect"
    assert fieldset.locator(".mlpro-feedback").inner_text().startswith(expected)
    # JupyterLab has no map of the guide's pages: no "Review" link, so no dead link.
    assert fieldset.locator(".mlpro-review a").count() == 0
    context.close()
