"""Debian's Chromium as the project drives it: the browser tests and the PDF of the book
(``scripts/build_pdf.py``) start it with the same path and flags."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
"""The browser: Debian's package (``apt-get install chromium``), never a download."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags that keep a headless Chromium quiet on a machine with no network of its own."""
