from django.urls import path

from ansinh.reporting import views

app_name = "reporting"
urlpatterns = [
    path("bao-cao/", views.my_reports, name="my_reports"),
    path("bao-cao/<int:pk>/", views.obligation_detail, name="obligation_detail"),
    path("bao-cao/<int:pk>/luu/", views.submission_save, name="submission_save"),
    path("bao-cao/<int:pk>/<str:action>/", views.submission_decide, name="submission_decide"),
    path("che-do-bao-cao/<int:pk>/tinh-hinh/", views.completeness, name="completeness"),
]
