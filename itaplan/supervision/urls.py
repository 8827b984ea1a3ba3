from django.urls import path

from itaplan.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.dashboard, name="dashboard"),
    path("supervision/export.xlsx", views.export, name="export"),
    path("supervision/measures-<int:plan_year>.zip", views.measures_bundle, name="measures_bundle"),
]
