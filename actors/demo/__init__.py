"""Demo and benchmark data: ``manage.py seed_demo`` and ``manage.py demo_logins``."""
