"""REST endpoints (under /api/v1/targets/): indicators, targets, periodic values.

Values are posted as rows (unit code or name, measure code, period text, count); the same
checks as the Excel upload run, nothing is written when a row is wrong, and the data-quality
flags come back with the result.
"""

from django.db.models import Q
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key
from ansinh.targets import perms, services
from ansinh.targets.importers.common import RowProblem, UnitResolver, parse_count, parse_period
from ansinh.targets.importers.overlap import overlap_problems
from ansinh.targets.importers.values import ValueRow, measure_keys
from ansinh.targets.models import Indicator, MeasureValue, Target
from ansinh.targets.quality import quality_flags


class IndicatorSerializer(serializers.ModelSerializer):
    numerator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    denominator = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "name", "short_name", "kind", "numerator", "denominator", "description"]


class TargetSerializer(serializers.ModelSerializer):
    """`percent` for a rate indicator, `value` (a count, or đồng) for the other kinds; `kind`
    says which, `display` is the Vietnamese text ("24,88 %", "12.345.678.000 đ")."""

    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = serializers.CharField(source="indicator.kind", read_only=True)
    display = serializers.CharField(read_only=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "kind", "admin_unit", "year", "percent", "value", "display",
                  "source"]  # fmt: skip


class MeasureValueSerializer(serializers.ModelSerializer):
    measure = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MeasureValue
        fields = ["id", "measure", "admin_unit", "year", "period_kind", "period_number",
                  "period_end", "value", "is_illustrative"]  # fmt: skip


def _visible_units(user) -> Q:
    """Units whose figures the user may read: every unit of a province they see in full,
    else their own unit."""
    condition = Q(pk__in=[])
    for province in AdminUnit.objects.filter(pk__in=perms.target_province_ids(user)):
        allowed = perms.visible_unit_ids(user, province)
        if allowed is None:
            condition |= (
                Q(pk=province.pk)
                | Q(parent=province)
                | Q(parent__parent=province)
                | Q(successions__successor=province)
            )
        else:
            condition |= Q(pk__in=allowed | {province.pk})
    return condition


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.select_related("numerator", "denominator").order_by("position")


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TargetSerializer

    def get_queryset(self):
        units = AdminUnit.objects.filter(_visible_units(self.request.user))
        targets = Target.objects.filter(admin_unit__in=units).select_related("indicator")
        if year := self.request.query_params.get("year"):
            targets = targets.filter(year=year)
        return targets.order_by("pk")


class MeasureValueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeasureValueSerializer

    def get_queryset(self):
        units = AdminUnit.objects.filter(_visible_units(self.request.user))
        values = MeasureValue.objects.filter(admin_unit__in=units).select_related("measure")
        params = self.request.query_params
        if year := params.get("year"):
            values = values.filter(year=year)
        if unit := params.get("admin_unit"):
            values = values.filter(admin_unit_id=unit)
        return values.order_by("pk")

    def create(self, request):
        """{"province": <id>, "rows": [{"unit": "615", "measure": "llld",
        "period": "Tháng 9/2024", "value": "1.017.308"}, …]}"""
        province = AdminUnit.objects.filter(
            pk=request.data.get("province"), pk__in=perms.target_province_ids(request.user)
        ).first()
        if province is None:
            raise ValidationError({"province": "Không có tỉnh này."})
        if not perms.can_manage_targets(request.user, province):
            raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được nạp số liệu.")
        rows, problems = _rows(request.data.get("rows") or [], province)
        if not problems:
            problems = overlap_problems(rows)
        if problems or not rows:
            raise ValidationError({"rows": [str(p) for p in problems] or ["Không có số liệu nào."]})
        flags = [str(f) for f in quality_flags(rows)]
        summary = services.values_apply(rows=rows, user=request.user)
        return Response({"summary": summary, "flags": flags}, status=status.HTTP_201_CREATED)


def _rows(items, province):
    resolver, measures = UnitResolver(province), measure_keys()
    rows, problems, seen = [], [], set()
    for number, item in enumerate(items, start=1):
        item = item if isinstance(item, dict) else {}
        code = str(item.get("unit", ""))
        unit, error = resolver.find(code=code) if code.isdigit() else resolver.find(name=code)
        measure = measures.get(compact_key(str(item.get("measure", ""))))
        try:
            if unit is None:
                raise ValueError(error)
            if measure is None:
                raise ValueError(f"không có số liệu “{item.get('measure')}”")
            period = parse_period(item.get("period"))
            value = parse_count(item.get("value"))
        except ValueError as exc:
            problems.append(RowProblem(number, "", str(exc)))
            continue
        if (measure.pk, unit.pk, period) in seen:
            problems.append(RowProblem(number, "", "dòng trùng đơn vị, số liệu và kỳ"))
            continue
        seen.add((measure.pk, unit.pk, period))
        rows.append(ValueRow(measure, unit, period, value, number))
    return rows, problems


router = SimpleRouter()  # the API root is the main router's
router.register("targets/indicators", IndicatorViewSet, basename="target-indicator")
router.register("targets/targets", TargetViewSet, basename="target")
router.register("targets/values", MeasureValueViewSet, basename="target-value")
urlpatterns = router.urls
