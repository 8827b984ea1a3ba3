from django.urls import path

from itaplan.plans import import_views, views

app_name = "plans"

_plan = "agency/<str:code>/plans/<int:plan_id>/"
_measure = _plan + "measures/<int:measure_id>/"

urlpatterns = [
    path("agency/<str:code>/plans/", views.plan_list, name="list"),
    path("agency/<str:code>/plans/new/", views.plan_create, name="create"),
    path("agency/<str:code>/plans/import/", import_views.import_measures, name="import_measures"),
    path("agency/<str:code>/plans/analysis/<int:year>/", views.analysis, name="analysis"),
    path(_plan, views.plan_detail, name="detail"),
    path(_plan + "submit/", views.plan_submit, name="submit"),
    path(_plan + "withdraw/", views.plan_withdraw, name="withdraw"),
    path(_plan + "approve/", views.plan_approve, name="approve"),
    path(_plan + "send-back/", views.plan_send_back, name="send_back"),
    path(_plan + "new-version/", views.plan_new_version, name="new_version"),
    path(_plan + "next-year/", views.plan_next_year, name="next_year"),
    path(_plan + "suggestions/add/", views.suggestion_add, name="suggestion_add"),
    path(_plan + "measures/new/", views.measure_new, name="measure_new"),
    path(_measure + "edit/", views.measure_edit, name="measure_edit"),
    path(_measure + "move/", views.measure_move, name="measure_move"),
    path(_measure + "remove/", views.measure_remove, name="measure_remove"),
]
