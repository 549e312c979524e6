from django.urls import path

from hearth.accounts import administration_views as admin_views
from hearth.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.SignInView.as_view(), name="login"),
    path("sign-out", views.sign_out, name="logout"),
    path("locked", views.locked_out, name="locked"),
    path("two-factor", views.two_factor, name="two_factor"),
    path("emergency-access", views.break_glass, name="break_glass"),
    path("emergency-access/reviews", views.break_glass_reviews, name="break_glass_reviews"),
    path("emergency-access/reviews/<int:access_id>", views.break_glass_review, name="break_glass_review"),
    path("emergency-access/reviews/<int:access_id>/correct/<int:review_id>", views.break_glass_review_correct,
         name="break_glass_review_correct"),
    path("access-changes", admin_views.access_changes, name="access_changes"),
    # Administration: accounts, roles, teams and memberships, on Hearth's own pages.
    path("administration/", admin_views.home, name="administration"),
    path("administration/users", admin_views.user_list, name="admin_users"),
    path("administration/users/new", admin_views.user_create, name="admin_user_create"),
    path("administration/users/<int:user_id>", admin_views.user_page, name="admin_user"),
    path("administration/users/<int:user_id>/details", admin_views.user_details, name="admin_user_details"),
    path("administration/users/<int:user_id>/roles", admin_views.user_roles, name="admin_user_roles"),
    path("administration/users/<int:user_id>/active", admin_views.user_active, name="admin_user_active"),
    path("administration/users/<int:user_id>/sign-out-everywhere", admin_views.user_sign_out_everywhere,
         name="admin_user_sign_out_everywhere"),
    path("administration/users/<int:user_id>/teams/new", admin_views.membership_add, name="admin_membership_add"),
    path("administration/memberships/<int:membership_id>", admin_views.membership_page, name="admin_membership"),
    path("administration/memberships/<int:membership_id>/end", admin_views.membership_end, name="admin_membership_end"),
    path("administration/teams", admin_views.team_list, name="admin_teams"),
    path("administration/teams/new", admin_views.team_create, name="admin_team_create"),
    path("administration/teams/<int:team_id>", admin_views.team_page, name="admin_team"),
    path("administration/teams/<int:team_id>/edit", admin_views.team_edit, name="admin_team_edit"),
    path("administration/roles", admin_views.role_list, name="admin_roles"),
    path("administration/roles/<str:code>", admin_views.role_edit, name="admin_role"),
    path("administration/approvals", admin_views.approvals, name="admin_approvals"),
    path("administration/approvals/<int:request_id>", admin_views.approval, name="admin_approval"),
]
