"""Who may feed laps: ``FeedTokenAuth`` lets in a bearer API token of a user who may import
timing (401 without a valid token, 403 for a user who may not import), and the API's answers."""

import json

import pytest
from django.test import RequestFactory
from ninja import Router
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.testing import TestClient

from events import services
from events.api import api
from events.api.auth import FeedTokenAuth
from events.models import ApiToken


def bearer(token: str, scheme: str = "Bearer"):
    return RequestFactory().post("/api/v1/feed", HTTP_AUTHORIZATION=f"{scheme} {token}")


@pytest.fixture
def secret(editor):
    return services.api_token_issue(user=editor, name="timing PC")[1]


def test_a_token_of_an_editor_is_let_in_as_them(secret, editor):
    assert FeedTokenAuth().authenticate(bearer(secret), secret) == editor
    assert FeedTokenAuth()(bearer(secret)) == editor  # the header read as ninja reads it
    assert FeedTokenAuth()(bearer(secret, scheme="bearer")) == editor


def test_a_superuser_may_feed(admin_user):
    _token, secret = services.api_token_issue(user=admin_user)
    assert FeedTokenAuth()(bearer(secret)) == admin_user


@pytest.mark.parametrize(
    "header",
    [
        None,  # no Authorization header
        "Bearer ",
        "Bearer wec_not-a-token",
        "Basic ZWRpdGg6c2VjcmV0",
    ],
)
def test_no_user_without_a_valid_token(secret, header):
    request = RequestFactory().post("/api/v1/feed", **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert FeedTokenAuth()(request) is None


def test_the_token_alone_is_no_header(secret):
    assert FeedTokenAuth()(RequestFactory().post("/", HTTP_AUTHORIZATION=secret)) is None


def test_a_revoked_token_is_refused(secret, editor):
    services.api_token_revoke(token=ApiToken.objects.get(), by=editor)
    assert FeedTokenAuth()(bearer(secret)) is None


def test_a_user_who_may_not_import_is_forbidden(viewer):
    """victor may change laps but not add them: no import, so no feed."""
    _token, secret = services.api_token_issue(user=viewer)
    with pytest.raises(AuthorizationError) as forbidden:
        FeedTokenAuth()(bearer(secret))
    assert (forbidden.value.status_code, str(forbidden.value)) == (
        403,
        "The token's user “victor” may not import timing (an editor may).",
    )
    response = api.on_exception(bearer(secret), forbidden.value)
    assert response.status_code == 403
    assert json.loads(response.content) == {
        "detail": "The token's user “victor” may not import timing (an editor may)."
    }


def test_unauthorized_says_to_use_a_bearer_token():
    response = api.on_exception(bearer("wec_wrong"), AuthenticationError())
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert json.loads(response.content) == {"detail": "Unauthorized"}


def test_an_operation_with_the_auth(secret, viewer):
    """Through ninja: an operation with ``auth=FeedTokenAuth()`` sees the user as ``request.auth``."""
    router = Router()

    @router.post("/feed", auth=FeedTokenAuth())
    def feed(request):
        return {"user": request.auth.username}

    client = TestClient(router)
    assert client.post("/feed", headers={"Authorization": f"Bearer {secret}"}).json() == {"user": "edith"}
    refused = client.post("/feed", headers={"Authorization": "Bearer wec_wrong"})
    assert (refused.status_code, refused.json()) == (401, {"detail": "Unauthorized"})
    _token, victor_secret = services.api_token_issue(user=viewer)
    forbidden = client.post("/feed", headers={"Authorization": f"Bearer {victor_secret}"})
    assert (forbidden.status_code, forbidden.json()) == (
        403,
        {"detail": "The token's user “victor” may not import timing (an editor may)."},
    )


def test_the_feed_auth_is_documented_as_a_bearer_scheme():
    assert FeedTokenAuth().openapi_security_schema == {"type": "http", "scheme": "bearer"}
