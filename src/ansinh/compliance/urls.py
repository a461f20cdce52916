from django.urls import path

from ansinh.compliance.views import home

app_name = "compliance"

# Each area keeps its paths together; pages live under /don-doc-thu/, the public ones under
# /cong-khai/ and /tra-cuu-no/.
urlpatterns = [
    path("don-doc-thu/", home.home, name="home"),
]
