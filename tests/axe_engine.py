"""axe-core, as the accessibility tests run it: the script axe-playwright-python ships,
injected once per page load, with one change that makes it faster and changes no result.

Why the change: axe-core's bundle is compiled by Babel, which turns each private class
field (``#red``) into an entry in a ``WeakMap``. The colour-contrast rule creates a
``Color`` object (six private fields) for every layer behind every piece of text, and on
a notebook page with a few thousand highlighted code tokens those ``WeakMap`` writes and
the garbage collection of their entries are about a quarter of axe's time. The six
Babel helpers below do the same job with one ``Symbol`` per private field, stored on the
object itself: the same values, read and written at the same points, so every rule sees
the same state. ``tests/test_accessibility.py`` checks that both engines report the
same results, rule by rule, on real pages in both themes.

If a new axe-core is compiled differently and a helper is not found, the original script
is used unchanged (slower, never different), and
``test_the_faster_engine_applies_to_the_pinned_axe_core`` fails to say so.
"""

from __future__ import annotations

import functools

# Babel's helpers as axe-core 4.12's minified bundle spells them, and their replacements.
# Symbol-keyed properties are invisible to for-in, Object.keys and JSON, like the
# WeakMap entries they replace. `PK(map)` is the Symbol that stands for one private field.
_PRIVATE_KEY = (
    "var PK=function(m){return m.__mlproKey||"
    "(Object.defineProperty(m,'__mlproKey',{value:Symbol()}),m.__mlproKey)};"
)
_HELPERS = {
    # classPrivateFieldInitSpec(object, field, value)
    "function me(e,t,n){ge(e,t),t.set(e,n)}": "function me(e,t,n){ge(e,t),e[PK(t)]=n}",
    # classPrivateMethodInitSpec(object, brand)
    "function he(e,t){ge(e,t),t.add(e)}": "function he(e,t){ge(e,t),e[PK(t)]=!0}",
    # checkPrivateRedeclaration(object, field): throws when initialised twice
    "function ge(e,t){if(t.has(e))": "function ge(e,t){if(PK(t) in e)",
    # classPrivateFieldGet2(field, object) and classPrivateFieldSet2(field, object, value)
    "function ve(e,t){return e.get(ye(e,t))}": "function ve(e,t){return ye(e,t)[PK(e)]}",
    "function be(e,t,n){e.set(ye(e,t),n)}": "function be(e,t,n){ye(e,t)[PK(e)]=n}",
    # assertClassBrand(brand, object, value): the object really has the field
    'function ye(e,t,n){if("function"==typeof e?e===t:e.has(t))': (
        'function ye(e,t,n){if("function"==typeof e?e===t:PK(e) in Object(t))'
    ),
}


@functools.cache
def original_script() -> str:
    """axe-core's minified script, as axe-playwright-python ships it."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def faster_helpers_apply(script: str) -> bool:
    """True when every helper :data:`_HELPERS` replaces occurs exactly once in ``script``."""
    return all(script.count(helper) == 1 for helper in _HELPERS)


@functools.cache
def faster_script() -> str:
    """axe-core with Babel's private-field helpers replaced (see the module docstring);
    the original script when this axe-core is compiled differently."""
    script = original_script()
    if not faster_helpers_apply(script):
        return script
    for helper, replacement in _HELPERS.items():
        script = script.replace(helper, replacement)
    return _PRIVATE_KEY + script


# Only violations are collected in full: axe then builds no CSS selector for every
# passing node, which is slow and which nothing here reads.
RUN_OPTIONS = {"resultTypes": ["violations"]}


def run_axe(tab, script: str | None = None, options: dict | None = None) -> dict:
    """axe-core's results for the page open in ``tab``: the engine is injected once per
    page load (a theme switch keeps it), then run over the whole document."""
    if not tab.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        tab.evaluate(script or faster_script())
    return tab.evaluate(
        "options => axe.run(document, options)", RUN_OPTIONS if options is None else options
    )
