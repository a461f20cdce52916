from django.urls import path

from ansinh.reporting.views import adhoc, concerns, consolidated, notices, regimes, submissions

app_name = "reporting"
urlpatterns = [
    path("bao-cao/", submissions.my_reports, name="my_reports"),
    path("bao-cao/<int:pk>/", submissions.obligation_detail, name="obligation_detail"),
    path("bao-cao/<int:pk>/luu/", submissions.submission_save, name="submission_save"),
    path(
        "bao-cao/<int:pk>/tep/<int:attachment_pk>/",
        submissions.attachment_download,
        name="attachment_download",
    ),
    path(
        "bao-cao/<int:pk>/tep/<int:attachment_pk>/xoa/",
        submissions.attachment_delete,
        name="attachment_delete",
    ),
    path("bao-cao/<int:pk>/<str:action>/", submissions.submission_decide, name="submission_decide"),
    path("che-do-bao-cao/<int:pk>/tinh-hinh/", submissions.completeness, name="completeness"),
    path("che-do-bao-cao/<int:pk>/tong-hop/", consolidated.consolidated, name="consolidated"),
    path(
        "che-do-bao-cao/<int:pk>/tong-hop/tao/",
        consolidated.consolidated_generate,
        name="consolidated_generate",
    ),
    path(
        "bao-cao-tong-hop/<int:pk>/<str:fmt>/",
        consolidated.consolidated_download,
        name="consolidated_download",
    ),
    path("mau-bao-cao-tong-hop/<int:pk>/", consolidated.template_list, name="template_list"),
    path(
        "mau-bao-cao-tong-hop/<int:pk>/tai-len/",
        consolidated.template_upload,
        name="template_upload",
    ),
    path(
        "mau-bao-cao-tong-hop/<int:pk>/tai-ve/",
        consolidated.template_download,
        name="template_download",
    ),
    path(
        "mau-bao-cao-tong-hop/<int:pk>/chon/",
        consolidated.template_activate,
        name="template_activate",
    ),
    path("thong-bao/", notices.notices, name="notices"),
    path("thong-bao/<int:pk>/da-doc/", notices.notice_read, name="notice_read"),
    path("thong-bao/da-doc-het/", notices.notices_read_all, name="notices_read_all"),
    path("thong-bao/nhat-ky-thu-nhac/", notices.digest_log, name="digest_log"),
    path("che-do-bao-cao/", regimes.regime_list, name="regime_list"),
    path("che-do-bao-cao/<int:pk>/sua/", regimes.regime_edit, name="regime_edit"),
    path("che-do-bao-cao/<int:pk>/dot-xuat/", adhoc.adhoc_list, name="adhoc_list"),
    path("bao-cao-dot-xuat/<int:pk>/", adhoc.adhoc_detail, name="adhoc_detail"),
    path("kien-nghi/", concerns.concern_list, name="concern_list"),
    path("kien-nghi/moi/", concerns.concern_create, name="concern_create"),
    path("kien-nghi/<int:pk>/", concerns.concern_detail, name="concern_detail"),
    path("kien-nghi/<int:pk>/tra-loi/", concerns.concern_answer, name="concern_answer"),
]
