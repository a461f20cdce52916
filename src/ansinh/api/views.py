"""Read endpoints. Every queryset is limited to the provinces the caller may see."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from ansinh.accounts.perms import visible_province_ids
from ansinh.api import serializers
from ansinh.core.vnformat import parse_date
from ansinh.org.models import AdminUnit, Agency, AgencyGroup, Committee, Membership
from ansinh.org.selectors.admin_units import admin_unit_search


class CommitteeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CommitteeSerializer

    def get_queryset(self):
        return Committee.objects.for_user(self.request.user).order_by("pk")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("committee", int, description="Lọc theo Ban Chỉ đạo"),
            OpenApiParameter(
                "date",
                str,
                description="Thành phần tại ngày (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay",
            ),
        ]
    )
)
class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MembershipSerializer

    def get_queryset(self):
        memberships = Membership.objects.filter(
            committee__province_id__in=visible_province_ids(self.request.user)
        ).select_related("agency", "appointed_by")
        if self.action == "list":
            raw = self.request.query_params.get("date")
            try:
                day = parse_date(raw) if raw else timezone.localdate()
            except ValueError as exc:
                from rest_framework.exceptions import ValidationError

                raise ValidationError({"date": str(exc)}) from exc
            memberships = memberships.on(day)
            if committee := self.request.query_params.get("committee"):
                memberships = memberships.filter(committee_id=committee)
        return memberships.order_by("committee_id", "position", "pk")


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("kind", str), OpenApiParameter("province", int)]
    )
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgencySerializer

    def get_queryset(self):
        agencies = Agency.objects.for_user(self.request.user)
        if kind := self.request.query_params.get("kind"):
            agencies = agencies.filter(kind=kind)
        if province := self.request.query_params.get("province"):
            agencies = agencies.filter(province_id=province)
        return agencies.order_by("pk")


class AgencyGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgencyGroupSerializer

    def get_queryset(self):
        return (
            AgencyGroup.objects.for_user(self.request.user)
            .prefetch_related("members")
            .order_by("pk")
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Tìm theo tên, không cần dấu"),
            OpenApiParameter("edition", str, enum=["2024", "2025"]),
            OpenApiParameter("level", str, enum=["province", "district", "commune"]),
            OpenApiParameter("parent", int),
        ]
    )
)
class AdminUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference data: the same for every logged-in caller."""

    serializer_class = serializers.AdminUnitSerializer

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list" and params.get("q"):
            return admin_unit_search(
                query=params["q"],
                edition=params.get("edition"),
                level=params.get("level"),
                limit=500,
            )
        units = AdminUnit.objects.all()
        for name in ("edition", "level", "parent"):
            if value := params.get(name):
                units = units.filter(**{name: value})
        return units.order_by("pk")
