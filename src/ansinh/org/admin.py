from django.contrib import admin

from ansinh.org.models import (
    AdminUnit,
    Agency,
    AgencyGroup,
    Clause,
    Committee,
    CommitteeDecision,
    Duty,
    Membership,
    Regulation,
)


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "edition", "code", "parent"]
    list_filter = ["edition", "level"]
    search_fields = ["search_name", "code"]
    raw_id_fields = ["parent"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "key"]
    raw_id_fields = ["province", "admin_unit"]


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "province"]
    filter_horizontal = ["members"]
    raw_id_fields = ["province"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["agency", "appointed_by", "ended_by"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "standing_agency"]
    raw_id_fields = ["province", "standing_agency"]
    inlines = [MembershipInline]


admin.site.register(CommitteeDecision)
admin.site.register(Regulation)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "level", "regulation"]
    list_filter = ["level"]
    raw_id_fields = ["parent"]


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "agency", "agency_group"]
    raw_id_fields = ["clause", "agency", "agency_group"]
