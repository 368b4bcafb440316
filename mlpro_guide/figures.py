"""Figure conventions: an opaque white background and dark ink, so a figure reads the same
on the book's light and dark themes (a transparent figure's black axes vanish on dark)."""

from __future__ import annotations

import matplotlib.pyplot as plt

FACE_COLOR = "white"
INK_COLOR = "#1f2328"
PALETTE = ("#0b63c5", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#4b5563")


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 7.0, height: float = 3.6):
    """A figure and axes with an explicit white face colour and the guide's palette."""
    with plt.rc_context(
        {
            "figure.facecolor": FACE_COLOR,
            "axes.facecolor": FACE_COLOR,
            "savefig.facecolor": FACE_COLOR,
            "text.color": INK_COLOR,
            "axes.labelcolor": INK_COLOR,
            "axes.edgecolor": INK_COLOR,
            "xtick.color": INK_COLOR,
            "ytick.color": INK_COLOR,
            "axes.prop_cycle": plt.cycler(color=PALETTE),
            "axes.grid": True,
            "grid.alpha": 0.3,
        }
    ):
        figure, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")
    figure.patch.set_facecolor(FACE_COLOR)
    figure.patch.set_alpha(1.0)
    return figure, axes
