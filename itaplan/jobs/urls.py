from django.urls import path

from itaplan.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<int:job_id>/", views.detail, name="detail"),
    path("jobs/<int:job_id>/progress/", views.progress, name="progress"),
    path("jobs/<int:job_id>/download/", views.download, name="download"),
]
