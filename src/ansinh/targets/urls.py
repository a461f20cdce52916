from django.urls import path

from ansinh.targets.views import attainment, imports, quality, targets

app_name = "targets"
urlpatterns = [
    path("chi-tieu/", attainment.attainment, name="attainment"),
    path("chi-tieu/cham-tien-do/", attainment.lagging, name="lagging"),
    path("chi-tieu/don-vi/<int:pk>/", attainment.unit_detail, name="unit_detail"),
    path("chi-tieu/giao/", targets.target_list, name="target_list"),
    path("chi-tieu/chat-luong/", quality.quality, name="quality"),
    path("chi-tieu/giao/<int:pk>/sua/", targets.target_edit, name="target_edit"),
    path("chi-tieu/chi-so/", targets.indicator_list, name="indicator_list"),
    path("chi-tieu/mau/<str:kind>.xlsx", targets.template_download, name="template"),
    path("chi-tieu/nap/<str:kind>/", imports.upload, name="import_upload"),
    path("chi-tieu/nap/<str:kind>/<int:pk>/", imports.preview, name="import_preview"),
    path("chi-tieu/nap/<str:kind>/<int:pk>/ghi/", imports.apply, name="import_apply"),
]
