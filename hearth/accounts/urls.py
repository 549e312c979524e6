from django.urls import path

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
]
