"""Benchmarks (issue 2, section 10; issue 4, "Performance"), run by ``make bench`` /
``python -m bench [personnel|training|training-scan|training-compliance|all]``.

Not tests: nothing here matches pytest's ``test_*.py``, and ``bench`` is outside testpaths.
"""
