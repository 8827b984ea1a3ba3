from django.urls import path

from itaplan.readiness import views

app_name = "readiness"

urlpatterns = [
    path("agency/<str:code>/oit/", views.latest, name="latest"),
    path("agency/<str:code>/oit/<int:year>/", views.page, name="page"),
    path("agency/<str:code>/oit/<int:year>/urls/", views.edit, name="edit"),
    path("agency/<str:code>/oit/<int:year>/check/", views.check, name="check"),
    path("supervision/oit/", views.area, name="area"),
]
