from django.contrib import admin

from ansinh.reporting.models import Obligation, ReportingRegime, ReportKind, Submission


class ReportKindInline(admin.TabularInline):
    model = ReportKind
    extra = 0


@admin.register(ReportingRegime)
class ReportingRegimeAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "plan", "reading"]
    filter_horizontal = ["reporters", "reporter_groups"]
    inlines = [ReportKindInline]


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ["kind", "agency", "period_year", "period_number", "due_date"]
    list_filter = ["kind__regime", "period_year"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["obligation", "status", "submitted_at", "late", "version"]
    list_filter = ["status", "late"]
