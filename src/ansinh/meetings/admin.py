from django.contrib import admin

from ansinh.meetings.models import AgendaItem, Decision, Invitation, Meeting, MeetingRules


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["presenter_member", "presenter_agency"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "kind", "starts_at", "status"]
    list_filter = ["kind", "status", "committee"]
    raw_id_fields = ["chair"]
    inlines = [AgendaItemInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "membership", "answer", "excuse_status", "attendance"]
    list_filter = ["answer", "attendance"]
    raw_id_fields = ["meeting", "membership"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["question", "meeting", "outcome", "basis"]


@admin.register(MeetingRules)
class MeetingRulesAdmin(admin.ModelAdmin):
    list_display = ["committee", "interval_months", "quorum_percent", "chair_decides"]
