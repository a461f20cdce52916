from django.urls import path

from ansinh.reporting.views import submissions

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
]
