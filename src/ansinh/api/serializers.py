from rest_framework import serializers

from ansinh.org.models import AdminUnit, Agency, AgencyGroup, Committee, Membership


class AdminUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdminUnit
        fields = ["id", "edition", "level", "code", "name", "division_type", "parent"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "id",
            "key",
            "name",
            "short_name",
            "kind",
            "province",
            "admin_unit",
            "aliases",
            "email",
            "phone",
            "is_active",
        ]


class AgencyGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyGroup
        fields = ["id", "key", "name", "aliases", "kinds", "province", "members"]


class MembershipSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    decision = serializers.CharField(source="appointed_by.number", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "committee",
            "role",
            "title",
            "person_name",
            "agency",
            "agency_name",
            "position",
            "start_date",
            "end_date",
            "decision",
        ]


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = [
            "id",
            "key",
            "name",
            "short_name",
            "province",
            "standing_agency",
            "established_by",
        ]
