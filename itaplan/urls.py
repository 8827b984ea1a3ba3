from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("itaplan.agencies.urls")),
    path("", include("itaplan.results.urls")),
    path("", include("itaplan.plans.urls")),
    path("", include("itaplan.documents.urls")),
]
