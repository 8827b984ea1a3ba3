from django.urls import path

from itaplan.documents import views

app_name = "documents"

urlpatterns = [
    path("agency/<str:code>/documents/template/", views.docx_template, name="docx_template"),
    path(
        "agency/<str:code>/plans/<int:plan_id>/document.<str:fmt>",
        views.plan_document,
        name="plan",
    ),
    path(
        "agency/<str:code>/progress/rounds/<int:round_id>/report.<str:fmt>",
        views.round_report,
        name="round",
    ),
]
