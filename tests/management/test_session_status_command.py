"""set_session_status: an editor moves a session to scheduled, live, provisional or final from the shell."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.models import Session

PATH = "wec/2021/portimao/qualifying"


def run(*args):
    out = StringIO()
    call_command("set_session_status", *args, stdout=out)
    return out.getvalue()


def test_set_session_status_moves_the_session_and_says_so(session, editor):
    version = Session.objects.get(pk=session.pk).results_version

    out = run(PATH, "final", "--note", "Stewards' decisions published", "--user", "edith")

    assert out == f"{PATH} is now final (was provisional).\n"
    session.refresh_from_db()
    assert (session.status, session.results_version) == ("final", version + 1)
    latest = session.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        "Status changed from Provisional to Final: Stewards' decisions published",
    )


def test_set_session_status_goes_back_as_well(session):
    run(PATH, "final")
    assert run(PATH, "provisional", "--note", "Appeal lodged") == f"{PATH} is now provisional (was final).\n"
    assert session.history.first().history_change_reason == "Status changed from Final to Provisional: Appeal lodged"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wec/2021/portimao/race", "live"], "No session wec/2021/portimao/race."),
        (
            ["wec/2021/portimao", "live"],
            "“wec/2021/portimao” is not a session path; write it as championship/year/round/session, "
            "e.g. wec/2021/portimao/qualifying.",
        ),
        ([PATH, "running"], "“running” is not a session status; use one of scheduled, live, provisional, final."),
        ([PATH, "provisional"], f"{PATH} is already provisional."),
        ([PATH, "live", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_set_session_status_errors_name_the_problem_and_change_nothing(session, args, message):
    before = Session.objects.get(pk=session.pk).history.count()
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert str(refused.value) == message
    session.refresh_from_db()
    assert (session.status, session.history.count()) == ("provisional", before)


def test_set_session_status_help_names_the_four_states(capsys):
    with pytest.raises(SystemExit):
        call_command("set_session_status", "--help")
    assert "status scheduled, live, provisional or final." in " ".join(capsys.readouterr().out.split())
