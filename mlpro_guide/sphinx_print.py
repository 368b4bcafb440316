"""Sphinx hook: the print stylesheet (article only, black on white; dense cheat sheets).

The stylesheet holds only ``@media print`` rules, so it changes nothing on screen. A
cheat sheet marks its content with a ``{container} mlpro-cheatsheet`` block.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

ASSETS = Path(__file__).parent / "assets"


def _add_static_folder(app: Sphinx) -> None:
    # Only the one file this module links (html_static_path accepts single files); the
    # other assets are copied by the modules that use them.
    stylesheet = str(ASSETS / "print.css")
    if stylesheet not in app.config.html_static_path:
        app.config.html_static_path.append(stylesheet)


def setup(app: Sphinx):
    app.connect("builder-inited", _add_static_folder)
    app.add_css_file("print.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
