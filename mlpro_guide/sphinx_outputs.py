"""Sphinx hook: notebook kernels the build starts get the same quiet warnings filter as
the test run's kernels (:func:`mlpro_guide.notebook_outputs.quiet_kernel_warnings`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from .notebook_outputs import quiet_kernel_warnings


def setup(app: Sphinx):
    app.connect("config-inited", lambda app, config: quiet_kernel_warnings())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
