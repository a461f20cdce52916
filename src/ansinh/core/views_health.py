"""`/suc-khoe/` (alias `/healthz`): is this server able to serve? For load balancers and
monitoring: no login, no names, addresses or error texts in the answer (those go to the log).

200 with {"status": "ok", ...} when the database, the cache and the task backend answer;
503 with {"status": "error", ...} and the part that failed otherwise.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
RQ_BACKEND = "django_tasks_rq.RQBackend"
REDIS_TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    token = secrets.token_hex(8)
    cache.set("ansinh:suc-khoe", token, 30)
    if cache.get("ansinh:suc-khoe") != token:
        raise RuntimeError("the cache did not return what was just stored")


def tasks_backend() -> str:
    return settings.TASKS["default"]["BACKEND"]


def check_tasks() -> None:
    # The in-process backends have nothing to reach; the shared queue lives in Redis.
    if tasks_backend() == RQ_BACKEND:
        redis_ping(settings.REDIS_URL)


def redis_ping(url: str) -> None:
    import redis

    client = redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()


CHECKS = {"database": check_database, "cache": check_cache, "tasks": check_tasks}


@login_not_required
@never_cache
@require_GET
def health(request):
    answer = {}
    for part, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", part)
            answer[part] = "error"
        else:
            answer[part] = "ok"
    healthy = all(value == "ok" for value in answer.values())
    # Only the backend's class name: which queue kind is in use, not where it is.
    answer["tasks_backend"] = tasks_backend().rsplit(".", 1)[-1]
    answer = {"status": "ok" if healthy else "error", **answer}
    return JsonResponse(answer, status=200 if healthy else 503)
