"""pytest configuration of the example project.

This folder is not a Python package, so pytest puts it on ``sys.path`` when it loads this
file: the tests import ``checkout_fraud`` exactly as an installed package would be.
"""
