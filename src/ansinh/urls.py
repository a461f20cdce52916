from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("ansinh.core.urls")),
    path("tai-khoan/", include("ansinh.accounts.urls")),
    path("", include("ansinh.org.urls")),
    path("", include("ansinh.plans.urls")),
    path("", include("ansinh.targets.urls")),
    path("", include("ansinh.reporting.urls")),
    path("", include("ansinh.meetings.urls")),
    path("", include("ansinh.healthfund.urls")),
    path("", include("ansinh.compliance.urls")),
    path("", include("ansinh.rewards.urls")),
    path("api/v1/", include("ansinh.api.urls")),
    # The schema and its docs are for logged-in users and token holders, like the data.
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("quan-tri/", admin.site.urls),
]

admin.site.site_header = "ansinh — quản trị"
admin.site.site_title = "ansinh"
