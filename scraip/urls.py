"""The whole site's URLs: sign-in and the admin here, each app's pages in its own urls.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scraip.councils.forms import SignInForm

handler400 = "scraip.common.security.bad_request"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("reviews/", include("reviews.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("", include("scraip.plans.urls")),
    path("", include("scraip.followup.urls")),
]
