from django.urls import path

from itaplan.agencies import manage_views, site_views, views

_manage = "agency/<str:code>/manage/"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/invite/<uidb64>/<token>/", views.InviteAcceptView.as_view(), name="invite_accept"
    ),
]

agency_admin = (
    [
        path(_manage + "units/", manage_views.units, name="units"),
        path(_manage + "units/<int:unit_id>/rename/", manage_views.unit_rename, name="unit_rename"),
        path(_manage + "units/<int:unit_id>/retire/", manage_views.unit_retire, name="unit_retire"),
        path(_manage + "people/", manage_views.people, name="people"),
        path(_manage + "people/<int:membership_id>/", manage_views.person_edit, name="person_edit"),
        path(
            _manage + "people/<int:membership_id>/active/",
            manage_views.person_active,
            name="person_active",
        ),
        path(_manage + "profile/", manage_views.profile, name="profile"),
    ],
    "agency_admin",
)

site_admin = (
    [
        path("site/agencies/", site_views.agencies, name="agencies"),
        path("site/agencies/<str:code>/", site_views.agency_edit, name="agency_edit"),
        path("site/supervisors/", site_views.scopes, name="scopes"),
        path(
            "site/supervisors/<int:scope_id>/remove/", site_views.scope_remove, name="scope_remove"
        ),
    ],
    "site_admin",
)
