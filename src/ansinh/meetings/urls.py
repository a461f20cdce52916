from django.urls import path

from ansinh.meetings.views import agenda, attendance, consultations, decisions, meetings, minutes

app_name = "meetings"
urlpatterns = [
    path("cuoc-hop/", meetings.meeting_list, name="meeting_list"),
    path("cuoc-hop/excel/", meetings.meeting_export, name="meeting_export"),
    path(
        "ban-chi-dao/<int:committee_pk>/cuoc-hop/tao/",
        meetings.meeting_create,
        name="meeting_create",
    ),
    path("ban-chi-dao/<int:committee_pk>/quy-tac-hop/", meetings.rules_edit, name="rules_edit"),
    path("cuoc-hop/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("cuoc-hop/<int:pk>/sua/", meetings.meeting_edit, name="meeting_edit"),
    path("cuoc-hop/<int:pk>/gui-giay-moi/", meetings.meeting_send, name="meeting_send"),
    path("cuoc-hop/<int:pk>/ket-thuc/", meetings.meeting_close, name="meeting_close"),
    path("cuoc-hop/<int:pk>/huy/", meetings.meeting_cancel, name="meeting_cancel"),
    path("cuoc-hop/<int:pk>/giay-moi.docx", meetings.invitation_docx, name="invitation_docx"),
    path("cuoc-hop/<int:pk>/bien-ban.docx", minutes.minutes_docx, name="minutes_docx"),
    path("cuoc-hop/<int:pk>/noi-dung/them/", agenda.agenda_item_form, name="agenda_item_create"),
    path(
        "cuoc-hop/<int:pk>/noi-dung/<int:item_pk>/sua/",
        agenda.agenda_item_form,
        name="agenda_item_edit",
    ),
    path(
        "cuoc-hop/<int:pk>/noi-dung/<int:item_pk>/xoa/",
        agenda.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(
        "cuoc-hop/<int:pk>/tai-lieu/<int:material_pk>/",
        agenda.material_download,
        name="material_download",
    ),
    path(
        "cuoc-hop/<int:pk>/tai-lieu/<int:material_pk>/xoa/",
        agenda.material_delete,
        name="material_delete",
    ),
    path(
        "cuoc-hop/<int:pk>/giay-moi/<int:invitation_pk>/tra-loi/",
        attendance.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "cuoc-hop/<int:pk>/giay-moi/<int:invitation_pk>/<str:action>/",
        attendance.excuse_decide,
        name="excuse_decide",
    ),
    path("cuoc-hop/<int:pk>/diem-danh/", attendance.attendance, name="attendance"),
    path("cuoc-hop/<int:pk>/bieu-quyet/them/", decisions.decision_create, name="decision_create"),
    path(
        "cuoc-hop/<int:pk>/bieu-quyet/<int:decision_pk>/",
        decisions.decision_detail,
        name="decision_detail",
    ),
    path(
        "cuoc-hop/<int:pk>/bieu-quyet/<int:decision_pk>/giao-nhiem-vu/",
        minutes.conclusion_task_create,
        name="conclusion_task_create",
    ),
    path("lay-y-kien/", consultations.consultation_list, name="consultation_list"),
    path(
        "ban-chi-dao/<int:committee_pk>/lay-y-kien/tao/",
        consultations.consultation_create,
        name="consultation_create",
    ),
    path("lay-y-kien/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path(
        "lay-y-kien/<int:pk>/thanh-vien/<int:member_pk>/tra-loi/",
        consultations.consultation_answer,
        name="consultation_answer",
    ),
    path(
        "lay-y-kien/<int:pk>/nhac/", consultations.consultation_remind, name="consultation_remind"
    ),
    path(
        "lay-y-kien/<int:pk>/tai-lieu/<int:document_pk>/",
        consultations.consultation_document,
        name="consultation_document",
    ),
    path(
        "lay-y-kien/<int:pk>/tong-hop.docx",
        consultations.consultation_docx,
        name="consultation_docx",
    ),
]
