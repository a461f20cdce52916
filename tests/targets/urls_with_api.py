"""The project's URLs plus the targets API, as /api/v1/ will have them once included."""

from django.urls import include, path

from ansinh.urls import urlpatterns as project

urlpatterns = [path("api/v1/", include("ansinh.targets.api")), *project]
