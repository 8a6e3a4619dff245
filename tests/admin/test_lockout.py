"""Login throttling: a user name and address that failed 10 times are locked for 15 minutes."""

import datetime as dt
from io import StringIO

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.helpers import login, table_rows, text_of

LOGIN = reverse("admin:login")
WRONG = (
    "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive."
)
SEARCH = "Search drivers, teams, cars and events"  # the header's search box, its label

LOCKED = (
    "Login locked for 15 minutes "
    "After 10 failed logins in a row, logging in as edith from your address is locked for 15 minutes. "
    "Every attempt while it is locked, even with the right password, starts the 15 minutes again: wait, "
    "then try once more. Other accounts, and this account from other addresses, are not affected. "
    "If you cannot wait, ask an administrator to lift the lock."
)


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


def fail(client, times, username="edith", **extra):
    """Wrong passwords, and the status code of each answer."""
    return [attempt(client, username, f"wrong-{n}", **extra).status_code for n in range(times)]


def test_nine_failures_get_the_login_form_again(client, editor):
    answers = [attempt(client, "edith", f"wrong-{n}") for n in range(9)]
    assert [(a.status_code, WRONG in text_of(a)) for a in answers] == [(200, True)] * 9


def test_the_tenth_failure_locks_and_then_even_the_right_password_is_refused(client, editor):
    assert fail(client, 9) == [200] * 9
    tenth = attempt(client, "edith", "wrong-10")
    assert tenth.status_code == 429
    right = attempt(client, "edith", "secret-password")
    assert right.status_code == 429
    footer = "Results database for endurance racing · API · Editors"
    assert (
        text_of(right) == f"Login locked · wecresults wecresults {SEARCH} {LOCKED} {footer}"
    )  # title, header, page, footer
    assert "style-src 'self'" in right["Content-Security-Policy"]
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to the login page


def test_a_locked_user_name_can_still_log_in_from_another_address(client, editor):
    fail(client, 10)
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert attempt(other, "edith", "secret-password").status_code == 302
    assert other.get(reverse("admin:index")).status_code == 200


def test_a_locked_address_can_still_log_in_as_another_user(client, editor, viewer):
    fail(client, 10)
    assert attempt(client, "victor", "secret-password").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail(client, 10)
    assert attempt(client, "edith", "secret-password").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1))
    assert attempt(client, "edith", "secret-password").status_code == 302


def test_the_lock_holds_until_the_end_of_the_cool_off(client, editor):
    fail(client, 10)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14, seconds=50))
    assert attempt(client, "edith", "secret-password").status_code == 429


def test_the_right_password_clears_the_count(client, editor):
    assert fail(client, 9) == [200] * 9
    login(client, editor)
    client.logout()
    assert fail(client, 9) == [200] * 9


def test_a_client_cannot_pick_its_address_with_x_forwarded_for(client, editor):
    codes = [attempt(client, "edith", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(10)]
    assert codes == [200] * 9 + [429]


def test_behind_a_proxy_the_forwarded_address_is_locked(settings, editor):
    settings.WECRESULTS_TRUSTED_PROXIES = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    assert fail(proxy, 10, HTTP_X_FORWARDED_FOR="203.0.113.9") == [200] * 9 + [429]
    assert attempt(proxy, "edith", "secret-password", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert attempt(proxy, "edith", "secret-password", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [("203.0.113.9", 11)]


def test_the_admin_lists_the_lockout(client, editor):
    fail(client, 10)
    security = get_user_model().objects.create_user("sam", password="secret-password", is_staff=True)
    security.user_permissions.set(
        Permission.objects.filter(content_type__app_label="axes", codename="view_accessattempt")
    )
    login(client, security)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    header, row = table_rows(html[html.index('<table id="result_list">') :])[:2]
    assert header[1:] == [
        "Attempt Time",
        "IP Address",
        "User Agent",
        "Username",
        "Path",
        "Failed Logins",
        "Status",
    ]
    attempt_time = AccessAttempt.objects.get().attempt_time
    assert row[2:] == ["127.0.0.1", "<unknown>", "edith", "/admin/login/", "10", "Locked Out"]
    assert attempt_time > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)


def test_editors_do_not_see_the_login_attempts(client, editor):
    login(client, editor)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_the_reset_command_lifts_the_lock(client, editor):
    fail(client, 10)
    out = StringIO()
    call_command("axes_reset_ip_username", "127.0.0.1", "edith", stdout=out)
    assert out.getvalue() == "1 attempts removed.\n"
    assert attempt(client, "edith", "secret-password").status_code == 302
    out = StringIO()
    call_command("axes_reset_ip_username", "127.0.0.1", "edith", stdout=out)
    assert out.getvalue() == "No attempts found.\n"


def test_the_reset_by_user_name_lifts_it_from_every_address(client, editor):
    fail(client, 10)
    fail(Client(REMOTE_ADDR="192.0.2.44"), 10)
    out = StringIO()
    call_command("axes_reset_username", "edith", stdout=out)
    assert out.getvalue() == "2 attempts removed.\n"
    assert attempt(client, "edith", "secret-password").status_code == 302


def test_the_commands_list_and_reset_by_address(client, editor, viewer):
    fail(client, 10)
    fail(client, 2, username="victor")
    out = StringIO()
    call_command("axes_list_attempts", stdout=out)
    assert sorted(out.getvalue().splitlines()) == ["127.0.0.1\tedith\t10", "127.0.0.1\tvictor\t2"]
    out = StringIO()
    call_command("axes_reset_ip", "127.0.0.1", stdout=out)
    assert out.getvalue() == "2 attempts removed.\n"
    assert AccessAttempt.objects.count() == 0
