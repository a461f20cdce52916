import os

from django.urls import path

from ansinh.core import views, views_dashboard, views_health

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    # For load balancers and monitoring (no login): database, cache and task queue answer.
    path("suc-khoe/", views_health.health, name="health"),
    path("healthz", views_health.health, name="healthz"),
    path("tong-quan/", views_dashboard.dashboard, name="dashboard"),
    path("favicon.ico", views.favicon),
]

# Load benchmark only (bench/load.py): a bare view to compare the pages with; not in production.
if os.environ.get("ANSINH_BENCH_HELLO") == "1":
    from ansinh.core import views_bench

    urlpatterns.append(path("bench-hello/", views_bench.hello, name="bench_hello"))
