from django.urls import path

from itaplan.agencies import views

urlpatterns = [
    path("", views.home, name="home"),
]
