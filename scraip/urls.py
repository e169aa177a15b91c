"""The whole site's URLs: sign-in and the admin here, each app's pages in its own urls.py."""

from django.contrib import admin
from django.urls import include, path

handler400 = "scraip.common.security.bad_request"

urlpatterns = [
    # Signing in and out, choosing, resetting and changing a password.
    path("", include("scraip.councils.auth")),
    path("admin/", admin.site.urls),
    path("setup/", include("scraip.councils.urls")),
    path("reviews/", include("reviews.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("", include("scraip.plans.urls")),
    path("", include("scraip.followup.urls")),
]
