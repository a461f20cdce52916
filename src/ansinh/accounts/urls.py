from django.urls import path

from ansinh.accounts import views, views_second_factor

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("cua-toi/", views.account, name="account"),
    # The second factor: the code step of the login, and turning it on or off.
    path("xac-minh/", views_second_factor.verify, name="second_factor_verify"),
    path("xac-thuc-hai-buoc/", views_second_factor.manage, name="second_factor"),
]
