from django.urls import path

from ansinh.rewards import views

app_name = "rewards"
urlpatterns = [
    path("khen-thuong/", views.round_list, name="round_list"),
    path(
        "ban-chi-dao/<int:committee_pk>/khen-thuong/mo-dot/",
        views.round_create,
        name="round_create",
    ),
    path("khen-thuong/excel/", views.round_list_export, name="round_list_export"),
    path("khen-thuong/<int:pk>/", views.round_detail, name="round_detail"),
    path("khen-thuong/<int:pk>/sua/", views.round_edit, name="round_edit"),
    path("khen-thuong/<int:pk>/excel/", views.round_export, name="round_export"),
    path("khen-thuong/<int:pk>/danh-sach.docx", views.round_docx, name="round_docx"),
    path(
        "khen-thuong/<int:round_pk>/de-nghi/them/",
        views.proposal_form,
        name="proposal_create",
    ),
    path("de-nghi-khen-thuong/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi-khen-thuong/<int:pk>/sua/", views.proposal_form, name="proposal_edit"),
    path(
        "de-nghi-khen-thuong/<int:pk>/<str:action>/",
        views.proposal_action,
        name="proposal_action",
    ),
]
