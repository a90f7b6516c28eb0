from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [path("", views.ses_events, name="ses_events")]
