"""The book's Sphinx extension, the quiz renderer and the site's JavaScript and CSS.

:mod:`.extension` is the one extension ``_config.yml`` names: the ``quiz``, ``exam-map``
and ``sources`` directives, the validation of the banks at start-up and the notebook
execution settings; it sets up the others. :mod:`.quiz` renders a bank as an HTML quiz
(for the book and, through :func:`mlpro_guide.show_quiz`, for notebooks);
:mod:`.quiz_links` gives quizzes their "Review:" links; :mod:`.practice_pages` builds
the practice exam, progress and review pages; :mod:`.navigation` draws the chapter
navigation, lifecycle figure and objective lists; :mod:`.styles` adds the screen and
print stylesheets. The files they publish are in ``assets/``.

This is the top layer: it reads :mod:`mlpro_guide.content` and :mod:`mlpro_guide.lab`,
and neither of them imports it.
"""
