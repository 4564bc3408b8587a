"""The server-rendered web interface, split by concern (see actors/urls.py)."""
