from django.urls import path

from ansinh.org.views import adminunits, agencies, committees, imports, regulations

app_name = "org"
urlpatterns = [
    path("ban-chi-dao/moi/", committees.committee_create, name="committee_create"),
    path("ban-chi-dao/<int:pk>/", committees.committee_detail, name="committee_detail"),
    path("ban-chi-dao/<int:pk>/xuat-excel/", committees.committee_export, name="committee_export"),
    path(
        "ban-chi-dao/<int:pk>/kien-toan/",
        committees.committee_reconstitute,
        name="committee_reconstitute",
    ),
    path("nap-du-lieu/", imports.province_file_upload, name="province_file_upload"),
    path("nap-du-lieu/<int:pk>/", imports.province_file_preview, name="province_file_preview"),
    path("nap-du-lieu/<int:pk>/nap/", imports.province_file_apply, name="province_file_apply"),
    path("quy-che/", regulations.regulation_current, name="regulation_current"),
    path("quy-che/<int:pk>/", regulations.regulation_detail, name="regulation_detail"),
    path("co-quan/", agencies.agency_list_view, name="agency_list"),
    path("co-quan/them/", agencies.agency_edit, name="agency_create"),
    path("co-quan/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("co-quan/<int:pk>/sua/", agencies.agency_edit, name="agency_edit"),
    path("nhom-co-quan/", agencies.group_list, name="group_list"),
    path("nhom-co-quan/them/", agencies.group_edit, name="group_create"),
    path("nhom-co-quan/<int:pk>/", agencies.group_detail, name="group_detail"),
    path("nhom-co-quan/<int:pk>/sua/", agencies.group_edit, name="group_edit"),
    path("don-vi-hanh-chinh/", adminunits.adminunit_list, name="adminunit_list"),
    path("don-vi-hanh-chinh/<int:pk>/", adminunits.adminunit_detail, name="adminunit_detail"),
]
