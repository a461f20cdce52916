from django.contrib import admin

from ansinh.plans.models import Attachment, Plan, ProgressReport, Task, TaskGroup, TaskUnit


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "committee", "status"]
    list_filter = ["year", "status"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "content", "plan", "timeframe", "due_date", "recurring"]
    list_filter = ["plan", "recurring"]
    search_fields = ["content", "lead_text", "coordinators_text"]


admin.site.register([TaskGroup, TaskUnit, ProgressReport, Attachment])
