from django.urls import path, re_path

from itaplan.results import views

app_name = "results"

urlpatterns = [
    path("agency/<str:code>/results/", views.result_list, name="list"),
    path("agency/<str:code>/results/<int:year>/", views.result_detail, name="detail"),
    path(
        "agency/<str:code>/results/<int:year>/v<int:version>/",
        views.result_detail,
        name="version",
    ),
    path("agency/<str:code>/results/new/", views.result_form, name="form"),
    path("agency/<str:code>/results/new/totals/", views.result_form_totals, name="form_totals"),
    path("agency/<str:code>/results/confirm/", views.result_confirm, name="confirm"),
    path("agency/<str:code>/results/import/text/", views.import_text, name="import_text"),
    path("agency/<str:code>/results/import/sheet/", views.import_sheet, name="import_sheet"),
    path(
        "agency/<str:code>/results/import/sheet/confirm/",
        views.import_sheet_confirm,
        name="import_sheet_confirm",
    ),
    re_path(
        r"^agency/(?P<code>[^/]+)/results/template\.(?P<fmt>xlsx|csv)$",
        views.sheet_template,
        name="template",
    ),
    path("results/bulk/", views.bulk_import, name="bulk_import"),
    path("results/bulk/confirm/", views.bulk_confirm, name="bulk_confirm"),
    re_path(
        r"^results/bulk/template\.(?P<fmt>xlsx|csv)$", views.bulk_template, name="bulk_template"
    ),
]
