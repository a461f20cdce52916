"""The public lookup of late payers by tax code (under /api/v1/compliance/), for bid evaluation:
no login, rate-limited per client IP, only the fields copied at publication."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.compliance.selectors_inspections import arrears_lookup
from ansinh.compliance.taxcode import normalize_tax_code, tax_code_problem
from ansinh.compliance.views.public import ClientIpThrottle


class LookupEntrySerializer(serializers.Serializer):
    province = serializers.CharField(source="disclosure.province.name")
    as_of = serializers.DateField(source="disclosure.as_of")
    name = serializers.CharField()
    tax_code = serializers.CharField()
    insurer_code = serializers.CharField()
    address = serializers.CharField()
    months_late = serializers.DecimalField(max_digits=6, decimal_places=1)
    amount = serializers.IntegerField(help_text="Số tiền chậm đóng (đồng)")


class LookupSerializer(serializers.Serializer):
    tax_code = serializers.CharField(help_text="Mã số thuế đã chuẩn hóa")
    has_arrears = serializers.BooleanField(
        help_text="Có tên trong danh sách công khai đơn vị chậm đóng mới nhất của một tỉnh"
    )
    as_of = serializers.DateField(
        allow_null=True, help_text="Ngày số liệu mới nhất của các danh sách đã tra"
    )
    message = serializers.CharField()
    entries = LookupEntrySerializer(many=True)


class LimitedThrottled(Throttled):
    default_detail = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn."
    extra_detail_singular = "Vui lòng thử lại sau {wait} giây."
    extra_detail_plural = "Vui lòng thử lại sau {wait} giây."


class ArrearsLookupView(APIView):
    """Whether an employer is in the current published list of late payers of any province."""

    authentication_classes = []  # anonymous by design; no session, so no CSRF either
    permission_classes = [AllowAny]
    throttle_classes = [ClientIpThrottle]

    def throttled(self, request, wait):
        raise LimitedThrottled(wait)

    @extend_schema(
        summary="Tra cứu đơn vị chậm đóng theo mã số thuế",
        parameters=[
            OpenApiParameter(
                "tax_code", str, required=True, description="Mã số thuế: 10 hoặc 13 chữ số"
            )
        ],
        responses={200: LookupSerializer},
        auth=[],
    )
    def get(self, request):
        code = normalize_tax_code(request.query_params.get("tax_code", ""))
        if not code:
            raise ValidationError({"tax_code": ["Nhập mã số thuế."]})
        if problem := tax_code_problem(code):
            raise ValidationError({"tax_code": [problem[:1].upper() + problem[1:] + "."]})
        return Response(LookupSerializer(arrears_lookup(tax_code=code)).data)
