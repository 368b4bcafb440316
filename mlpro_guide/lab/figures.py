"""Figure conventions: an opaque white background and dark ink, so a figure reads the same
on the book's light and dark themes (a transparent figure's black axes vanish on dark),
and text large enough to read on a phone.

A figure is shown at most as wide as the page: on a 390 px phone the content column is
about 358 px, whatever the figure's size in inches. A font of ``s`` points in a figure
``w`` inches wide then renders at about ``s * 358 / (72 * w)`` px, so :func:`new_figure`
scales the font with the width (``TEXT_PER_INCH``) to keep text at 11 px or more on a
phone. The style applies to every text drawn afterwards in the session (titles, legends,
``ax.text``), not only to the axes created here. Keep figures narrow (one panel per row)
rather than wide: a wide figure shrinks everything on a phone.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

FACE_COLOR = "white"
INK_COLOR = "#1f2328"
PALETTE = ("#0b63c5", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#4b5563")
PHONE_COLUMN_PX = 358
"""Width of the content column on a 390 px phone."""
MIN_TEXT_PX = 11
TEXT_PER_INCH = 2.3
"""Points of font per inch of figure width: 2.3 * 358 / 72 = 11.4 px on a phone."""
DEFAULT_WIDTH = 5.6


def font_points(width: float) -> float:
    """The base font size (points) for a figure ``width`` inches wide."""
    return round(TEXT_PER_INCH * width, 1)


def rendered_text_px(points: float, width: float, column_px: int = PHONE_COLUMN_PX) -> float:
    """How tall ``points`` of text appear when a ``width``-inch figure fills ``column_px``."""
    return points * column_px / (72 * width)


def style(width: float = DEFAULT_WIDTH) -> dict:
    """The rcParams of a figure ``width`` inches wide."""
    size = font_points(width)
    return {
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
        "font.size": size,
        "axes.titlesize": size * 1.1,
        "axes.labelsize": size,
        "xtick.labelsize": size * 0.95,
        "ytick.labelsize": size * 0.95,
        "legend.fontsize": size * 0.95,
        "figure.titlesize": size * 1.1,
    }


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    width: float = DEFAULT_WIDTH,
    height: float = 3.6,
):
    """A figure and axes with an explicit white face colour, the guide's palette and text
    readable on a phone (see the module docstring). Put panels one per row (``nrows``)."""
    plt.rcParams.update(style(width))
    figure, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")
    figure.patch.set_facecolor(FACE_COLOR)
    figure.patch.set_alpha(1.0)
    return figure, axes
