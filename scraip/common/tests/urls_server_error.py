"""A URL configuration for tests only: one view that always fails."""

from django.urls import path


def broken(request):
    raise RuntimeError("database password is hunter2-secret")


urlpatterns = [path("broken/", broken)]
