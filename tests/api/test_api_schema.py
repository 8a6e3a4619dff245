"""schemathesis against our own OpenAPI schema: generated requests to every operation of
/api/v1/openapi.json, on the demo round and on names that do not exist.

Every answer must be one the schema documents (status, content type, body), and none
may be a server error. The schema's examples (wec/2021/portimao/qualifying, car 36)
address the demo, so each operation is also checked on real results.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept_open():
    """schemathesis calls the WSGI application itself, whose request signals would close the
    database connection of the test's transaction (Django's test client holds them back too)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded while the tests are collected (the schema needs no database); each operation
# becomes a test of its own.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_schema_says(case, demo_shared, connection_kept_open):
    case.call_and_validate(checks=CHECKS)
