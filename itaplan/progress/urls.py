from django.urls import path

from itaplan.progress import import_views, views

app_name = "progress"

_base = "agency/<str:code>/progress/"
_measure = _base + "measures/<int:measure_id>/"
_round = _base + "rounds/<int:round_id>/"

urlpatterns = [
    path(_base, views.dashboard, name="dashboard"),
    path(_measure, views.measure_detail, name="measure"),
    path(_measure + "rounds/<int:round_id>/update/", views.measure_update, name="update"),
    path(_round, views.round_detail, name="round"),
    path(_round + "edit/", views.round_edit, name="round_edit"),
    path(_round + "import/", import_views.import_report, name="round_import"),
    path(_round + "approve/", views.round_approve, name="round_approve"),
    path(_round + "submit/", views.round_submit, name="round_submit"),
    path(_round + "send-back/", views.round_send_back, name="round_send_back"),
    path(_base + "evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path(_base + "plans/<int:plan_id>/carry-forward/", views.carry_forward, name="carry_forward"),
]
