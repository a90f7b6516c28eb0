from django.urls import path

from . import personal_views, views

app_name = "subscribers"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("danke/", views.thanks, name="thanks"),
    path("bestaetigen/<str:token>/", views.confirm_view, name="confirm"),
    path("bestaetigen/<str:token>/neu/", views.resend, name="resend"),
    path("einstellungen/<str:token>/", personal_views.preferences, name="preferences"),
    path("einstellungen/<str:token>/daten.json", personal_views.my_data, name="my_data"),
    path("einstellungen/<str:token>/loeschen/", personal_views.erase, name="erase"),
    path("abmelden/<slug:newsletter>/<str:token>/", personal_views.unsubscribe, name="unsubscribe"),
    path(
        "abmelden/<slug:newsletter>/<str:token>/sofort/", personal_views.one_click, name="one_click"
    ),
]
