"""Schema-driven fuzzing of the API: every operation of the OpenAPI schema at /api/schema/,
called in-process (the WSGI app, no server) by a standing officer with an API token, with
requests generated from the schema. No response may be a server error, and every response
must match the schema where it documents the answer (content type, body of a documented status).
Undocumented error statuses are allowed: drf-spectacular documents the success answer only, and
a 400/403/404 for a wrong parameter (a page past the end, a unit of another province) is right.

The operations are walked inside one test rather than through schemathesis's pytest plugin:
one database transaction and one token for the whole walk, and no dependence on the plugin's
use of pytest internals.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from ansinh.accounts.models import User
from ansinh.accounts.services import user_rotate_api_token
from ansinh.wsgi import application

CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 15


def _exercise(operation, headers):
    @given(case=operation.as_strategy(headers=headers))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        # The public arrears lookup is rate-limited per address (a documented 429); clearing
        # the counters lets the fuzzer reach the view itself on every example.
        cache.clear()
        case.call_and_validate(checks=CHECKS)

    run()


@pytest.fixture
def _keep_the_test_connection():
    # Called straight through WSGI, the app closes the database connection at the end of each
    # request (CONN_MAX_AGE = 0), which on PostgreSQL ends the test's transaction; Django's own
    # test client disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_keep_the_test_connection")
def test_every_api_operation_answers_without_server_error(seed):
    user = User.objects.get(username="kontum.thuongtruc")
    headers = {"Authorization": f"Token {user_rotate_api_token(user=user).key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application, headers=headers)
    labels, failures = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        try:
            _exercise(operation, headers)
        except Exception as exc:  # every operation is walked; the failures are listed together
            failures.append(f"{operation.label}: {exc}")
    assert len(labels) >= 10, labels
    assert not failures, "\n\n".join(failures)
