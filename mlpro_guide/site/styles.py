"""Sphinx hooks for the site-wide styles: the screen chrome around the pages and the
print stylesheet.

* ``site.css``: no page wider than a 390 px phone (inline code wraps, wide tables and
  notebook outputs scroll inside their own box), a visible focus ring on every control,
  and one search entry point per page.
* ``site.js``: names for the theme's unnamed navigation toggles, a landmark around the
  primary sidebar, a scroll container around tables the theme did not wrap (the exam map,
  DataFrame outputs), and search result snippets taken from the article text only.
* The theme's Font Awesome SVG bundle (``_static/scripts/fontawesome.js``, 1.5 MB, 540 kB
  gzipped, loaded on every page) is replaced by a stub: every icon the theme uses is
  still drawn, from the Font Awesome webfont that pydata-sphinx-theme's stylesheet already
  declares (``fa-solid-900.woff2``, loaded only when an icon is on the page).
* A script included twice in a page is kept once (sphinx-thebe's configuration would
  otherwise declare ``THEBE_JS_URL`` twice and log an error on every page).
* ``print.css`` (:func:`add_print_stylesheet`): article only, black on white, dense cheat
  sheets. It holds only ``@media print`` rules, so it changes nothing on screen. A cheat
  sheet marks its content with a ``{container} mlpro-cheatsheet`` block.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

ASSETS = Path(__file__).parent / "assets"
SITE_FILES = ("site.css", "site.js")
FONTAWESOME_STUB = ASSETS / "site-fontawesome-stub.js"
# Where pydata-sphinx-theme's layout loads its Font Awesome bundle from.
FONTAWESOME_BUNDLE = Path("_static") / "scripts" / "fontawesome.js"


def _add_static_files(app: Sphinx, config) -> None:
    """Copy our assets into ``_static`` (html_static_path accepts single files)."""
    config.html_static_path = [
        *config.html_static_path,
        *(str(ASSETS / name) for name in SITE_FILES),
    ]


def _replace_fontawesome_bundle(app: Sphinx, exception) -> None:
    """Overwrite the theme's copy of the bundle (copied before ``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    bundle = Path(app.outdir) / FONTAWESOME_BUNDLE
    if bundle.parent.is_dir():
        bundle.write_text(FONTAWESOME_STUB.read_text(encoding="utf-8"), encoding="utf-8")
        # The source map describes the 1.5 MB bundle, not the stub.
        bundle.with_name(bundle.name + ".map").unlink(missing_ok=True)


def _script_key(script) -> tuple:
    """What makes two of a page's scripts the same: the file (``None`` and ``""`` both mean
    an inline script) and the attributes, an inline script's body included."""
    attributes = getattr(script, "attributes", {})
    return (getattr(script, "filename", script) or "", tuple(sorted(attributes.items())))


def _drop_repeated_scripts(app: Sphinx, pagename, templatename, context: dict, doctree) -> None:
    """Keep the first of scripts included twice. sphinx-thebe adds its inline configuration
    (``const THEBE_JS_URL = ...``) once with the file name ``None`` and Sphinx adds it again
    as ``""``; a second ``const`` declaration of the same name is a SyntaxError logged on
    every page."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _add_print_static_file(app: Sphinx) -> None:
    # Only the one file the print stylesheet needs (html_static_path accepts single
    # files); the other assets are copied by the modules that use them.
    stylesheet = str(ASSETS / "print.css")
    if stylesheet not in app.config.html_static_path:
        app.config.html_static_path.append(stylesheet)


def add_print_stylesheet(app: Sphinx) -> None:
    """Link ``print.css``; :mod:`.extension` calls this after the practice pages' styles
    so that the stylesheets keep their order on every page."""
    app.connect("builder-inited", _add_print_static_file)
    app.add_css_file("print.css")


def setup(app: Sphinx):
    app.connect("config-inited", _add_static_files)
    app.connect("build-finished", _replace_fontawesome_bundle)
    # Late, after every extension has added its scripts for the page.
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    app.add_css_file("site.css")
    app.add_js_file("site.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
