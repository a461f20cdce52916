from django.contrib import admin

from ansinh.targets.models import Indicator, Measure, MeasureValue, Target


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "part_of", "position"]
    search_fields = ["code", "name"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code", "short_name", "kind", "numerator", "denominator", "is_active", "position"
    ]  # fmt: skip
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "admin_unit", "year", "percent", "value", "source"]
    list_filter = ["year", "indicator"]
    raw_id_fields = ["admin_unit"]
    search_fields = ["admin_unit__name"]


@admin.register(MeasureValue)
class MeasureValueAdmin(admin.ModelAdmin):
    list_display = ["measure", "admin_unit", "year", "period_kind", "period_number", "value"]
    list_filter = ["measure", "year", "period_kind", "is_illustrative"]
    raw_id_fields = ["admin_unit"]
    readonly_fields = ["period_end"]

    def save_model(self, request, obj, form, change):
        from ansinh.core.periods import Period

        obj.period_end = Period(obj.year, obj.period_kind, obj.period_number).end
        super().save_model(request, obj, form, change)
