from django.http import HttpResponse
from django.urls import path

app_name = "subscribers"


def not_built_yet(request, **kwargs):
    """Placeholder until the subscriber issue builds these pages."""
    return HttpResponse(status=501)


urlpatterns = [
    path("einstellungen/<str:token>/", not_built_yet, name="preferences"),
    path("abmelden/<slug:newsletter>/<str:token>/", not_built_yet, name="unsubscribe"),
    path("abmelden/<slug:newsletter>/<str:token>/sofort/", not_built_yet, name="one_click"),
]
