"""Web pages. Dashboard and login/logout have global names (settings LOGIN_URL and
LOGIN_REDIRECT_URL refer to them); every other page lives in the ``actors`` namespace so its
names cannot clash with the API router's."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from actors.views import catalogue, dashboard, geography, people, reference, users


def crud(prefix: str, name: str, module, stem: str, *, create=True, edit=True):
    patterns = [
        path(f"{prefix}/", getattr(module, f"{stem}ListView").as_view(), name=f"{name}-list"),
        path(
            f"{prefix}/<int:pk>/",
            getattr(module, f"{stem}DetailView").as_view(),
            name=f"{name}-detail",
        ),
    ]
    if create:
        patterns.append(
            path(
                f"{prefix}/new/",
                getattr(module, f"{stem}CreateView").as_view(),
                name=f"{name}-create",
            )
        )
    if edit:
        patterns.append(
            path(
                f"{prefix}/<int:pk>/edit/",
                getattr(module, f"{stem}EditView").as_view(),
                name=f"{name}-edit",
            )
        )
    return patterns


web_patterns = [
    *crud("organizations", "organization", reference, "Organization"),
    *crud("countries", "country", reference, "Country"),
    *crud("duty-stations", "duty-station", geography, "DutyStation"),
    path(
        "duty-stations/<int:pk>/phase/",
        geography.DutyStationPhaseView.as_view(),
        name="duty-station-phase",
    ),
    *crud("areas", "area", geography, "Area"),
    *crud("warden-zones", "warden-zone", geography, "WardenZone"),
    *crud("personnel", "person", people, "Person"),
    path(
        "personnel/<int:person_pk>/dependants/new/",
        people.DependantCreateView.as_view(),
        name="dependant-create",
    ),
    *crud("dependants", "dependant", people, "Dependant", create=False),
    path("dependants/<int:pk>/delete/", people.dependant_delete_view, name="dependant-delete"),
    *crud("roles", "role", catalogue, "Role", create=False, edit=False),
    *crud("users", "user", users, "User"),
]

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include((web_patterns, "actors"))),
]
