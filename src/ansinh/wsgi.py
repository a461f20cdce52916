import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
application = get_wsgi_application()
# Import every view now, while the worker boots, rather than in its first request (about a
# second on a small machine: openpyxl, DuckDB, python-docx, DRF); with gunicorn's --preload the
# workers share these pages of memory.
_ = get_resolver().url_patterns
