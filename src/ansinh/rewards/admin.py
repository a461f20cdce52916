from django.contrib import admin

from ansinh.rewards.models import CommendationLevel, Proposal, ReviewRound


class LevelInline(admin.TabularInline):
    model = CommendationLevel
    extra = 0


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "year", "closes_on"]
    list_filter = ["committee", "year"]
    filter_horizontal = ["proposers"]
    inlines = [LevelInline]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "nominee_kind", "proposer", "status"]
    list_filter = ["status", "nominee_kind", "round"]
    raw_id_fields = ["nominee_agency", "nominee_unit", "proposer", "level"]
    readonly_fields = ["nominee_key"]
