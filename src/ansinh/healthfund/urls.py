from django.urls import path

from ansinh.healthfund.views import budget, facilities, imports, warnings

app_name = "healthfund"

urlpatterns = [
    path("quy-kcb/", facilities.facility_list, name="facility_list"),
    path("quy-kcb/co-so/<int:pk>/", facilities.facility_detail, name="facility_detail"),
    path("quy-kcb/nap/chi-thang/<int:pk>/ghep-cot/", imports.spending_mapping,
         name="spending_mapping"),
    path("quy-kcb/nap/<slug:kind>/", imports.upload, name="import_upload"),
    path("quy-kcb/nap/<slug:kind>/<int:pk>/", imports.preview, name="import_preview"),
    path("quy-kcb/nap/<slug:kind>/<int:pk>/nap/", imports.apply, name="import_apply"),
    path("quy-kcb/du-toan/", budget.budget, name="budget"),
    path("quy-kcb/du-toan/thong-bao/<int:pk>/", budget.allocation_notice_view,
         name="allocation_notice"),
    path("quy-kcb/theo-doi-chi/", budget.burn_down, name="burn_down"),
    path("quy-kcb/canh-bao/", warnings.warning_list, name="warning_list"),
    path("quy-kcb/canh-bao/gui/", warnings.warnings_send, name="warnings_send"),
    path("quy-kcb/canh-bao/nguong/", warnings.margin_save, name="margin_save"),
    path("quy-kcb/canh-bao/<int:pk>/", warnings.warning_detail, name="warning_detail"),
    path("quy-kcb/canh-bao/<int:pk>/dong/", warnings.warning_close, name="warning_close"),
    path("quy-kcb/canh-bao/<int:pk>/van-ban/", warnings.warning_letter_view,
         name="warning_letter"),
]  # fmt: skip
