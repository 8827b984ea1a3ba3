from django.urls import path

from itaplan.knowledgebase import views

app_name = "knowledgebase"

_template = "agency/<str:code>/knowledge/<int:template_id>/"

urlpatterns = [
    path("agency/<str:code>/knowledge/", views.template_list, name="list"),
    path("agency/<str:code>/knowledge/new/", views.template_new, name="new"),
    path(_template + "edit/", views.template_edit, name="edit"),
    path(_template + "delete/", views.template_delete, name="delete"),
]
