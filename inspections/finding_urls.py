"""Web pages of findings, rectification, follow-up visits and escalations (included by
inspections/urls.py)."""

from django.http import HttpResponse
from django.urls import path

# PLACEHOLDER until the finding views land: the names are the contract.
urlpatterns = [
    path("findings/<int:pk>/", lambda r, pk: HttpResponse(), name="finding-detail"),
]
