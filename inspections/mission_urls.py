"""Web pages of missions, checklists and recording (included by inspections/urls.py)."""

from django.http import HttpResponse
from django.urls import path

# PLACEHOLDER until the mission views land: the names are the contract.
urlpatterns = [
    path("missions/<int:pk>/", lambda r, pk: HttpResponse(), name="mission-detail"),
]
