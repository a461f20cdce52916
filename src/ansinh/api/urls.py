from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ansinh.api import views
from ansinh.api.compliance import ArrearsLookupView

router = DefaultRouter()
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("members", views.MembershipViewSet, basename="member")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("agency-groups", views.AgencyGroupViewSet, basename="agency-group")
router.register("admin-units", views.AdminUnitViewSet, basename="admin-unit")

urlpatterns = [
    path("", include("ansinh.targets.api")),
    path(
        "compliance/arrears-lookup/", ArrearsLookupView.as_view(), name="compliance-arrears-lookup"
    ),
    *router.urls,
]
