from django.contrib import admin
from django.urls import include, path

from itaplan.agencies import urls as agency_urls
from itaplan.lib.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("itaplan.agencies.urls")),
    path("", include(agency_urls.agency_admin)),
    path("", include(agency_urls.site_admin)),
    path("", include("itaplan.results.urls")),
    path("", include("itaplan.plans.urls")),
    path("", include("itaplan.knowledgebase.urls")),
    path("", include("itaplan.documents.urls")),
    path("", include("itaplan.progress.urls")),
    path("", include("itaplan.supervision.urls")),
    path("", include("itaplan.jobs.urls")),
    path("", include("itaplan.readiness.urls")),
]
