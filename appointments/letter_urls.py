"""Appointment letters: the scoped PDF download and the public verification page."""

from django.urls import path

from appointments.views import letters as letter_views

urlpatterns = [
    # Names a tenant object (the appointment id); scoped, 404 unless visible and rendered.
    path("appointments/<int:pk>/letter.pdf", letter_views.letter_pdf, name="letter-pdf"),
    # Public, no login: answers only whether a code is genuine.
    path("verify/", letter_views.letter_verify_form, name="letter-verify-form"),
    path("verify/<str:code>/", letter_views.letter_verify, name="letter-verify"),
]
