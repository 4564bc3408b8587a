"""Benchmarks (issue 2, section 10), run by ``make bench`` / ``python -m bench``.

Not tests: nothing here matches pytest's ``test_*.py``, and ``bench`` is outside testpaths.
"""
