"""A bare view for the load benchmark (bench/load.py): what the server does with no database
and no template, to compare the real pages with. Mounted only when ANSINH_BENCH_HELLO=1 is set
in the environment (core/urls.py), never in a normal deployment."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


@login_not_required
def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")
