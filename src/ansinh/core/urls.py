from django.urls import path

from ansinh.core import views, views_dashboard

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("suc-khoe/", views.health, name="health"),
    path("tong-quan/", views_dashboard.dashboard, name="dashboard"),
    path("favicon.ico", views.favicon),
]
