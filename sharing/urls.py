from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("api/tin-bai.json", views.items_feed, name="items_feed"),
    path("tu-cac-don-vi/", views.from_units, name="from_units"),
]
