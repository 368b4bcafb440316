/* Stands in for pydata-sphinx-theme's Font Awesome SVG bundle (all.min.js, 1.5 MB).
 * Nothing to do here: the theme's stylesheet already draws every `fa-*` icon from the
 * Font Awesome webfont, so the bundle only duplicated it. See mlpro_guide/site/styles.py. */
