"""The actors' demo and benchmark data (``manage.py seed_demo``): organizations, places,
people, dependants and the demo logins, and the plan the other apps' seeders build on."""
