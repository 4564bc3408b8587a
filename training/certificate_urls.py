"""Certificates under /training/certificates/: the scoped PDF and the public verification."""

from django.urls import path

from training import certificate_views

urlpatterns = [
    # Names a tenant object (the certificate id); scoped, 404 unless visible and rendered.
    path(
        "certificates/<int:pk>/certificate.pdf",
        certificate_views.certificate_pdf,
        name="certificate-pdf",
    ),
    # Public, no login: answers only whether a code is genuine.
    path(
        "certificates/verify/",
        certificate_views.certificate_verify_form,
        name="certificate-verify-form",
    ),
    path(
        "certificates/verify/<str:code>/",
        certificate_views.certificate_verify,
        name="certificate-verify",
    ),
]
