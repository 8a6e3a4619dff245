"""The vocabulary is written once, in the core; the models' choices are built from it."""

import json

from events import enums
from events.core import vocab


def test_a_member_is_its_code_and_has_a_label():
    assert vocab.ResultStatus.CLASSIFIED == "classified"
    assert vocab.ResultStatus.CLASSIFIED.label == "Classified"
    assert vocab.ResultStatus("did_not_start") is vocab.ResultStatus.DID_NOT_START
    assert f"{vocab.PenaltyKind.TIME}" == "time"
    assert json.dumps({"status": vocab.ResultStatus.NO_TIME}) == '{"status": "no_time"}'


def test_the_models_choices_are_built_from_the_core_words():
    assert enums.ResultStatus.choices == [
        ("classified", "Classified"),
        ("no_time", "No time"),
        ("not_classified", "Not classified"),
        ("retired", "Retired"),
        ("disqualified", "Disqualified"),
        ("did_not_start", "Did not start"),
    ]
    assert enums.FlagAtLine.values == ["GF", "SF", "FCY", "FF", "RF"]
    assert enums.SessionKind.RACE.label == "Race"
    assert enums.DeletionReason("track_limits").label == "Track limits"
    for name in ("QualifyingRule", "FiaCategory", "SessionKind", "SessionStatus", "FlagAtLine", "DeletionReason",
                 "PenaltyKind", "ResultStatus"):  # fmt: skip
        core, choices = getattr(vocab, name), getattr(enums, name)
        assert [(m.name, m.value, m.label) for m in core] == [(m.name, m.value, m.label) for m in choices]


def test_core_and_model_members_compare_equal():
    assert enums.ResultStatus.RETIRED == vocab.ResultStatus.RETIRED
    assert vocab.SessionKind.RACE in enums.SessionKind.values


def test_unpositioned_statuses_in_the_order_their_rows_follow():
    assert vocab.UNPOSITIONED_STATUSES == ("not_classified", "retired", "disqualified", "did_not_start")
