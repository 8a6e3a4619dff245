"""services.record_update: an editor's change written field by field onto the locked row,
refused when a field they saw was changed meanwhile by someone else."""

import pytest

from events import services
from events.errors import EditConflict
from events.models import Entry, Lap
from tests.helpers import lap_of


def test_only_the_changed_fields_are_written_and_the_history_has_the_row_as_it_is(editor, session):
    entry = Entry.objects.get(number="7")
    Entry.objects.filter(pk=entry.pk).update(car="Toyota GR010 Hybrid")  # set meanwhile; entry is stale
    updated = services.record_update(record=entry, changes={"tyres": "Michelin"}, user=editor, reason="Tyres")
    entry.refresh_from_db()
    assert (entry.car, entry.tyres) == ("Toyota GR010 Hybrid", "Michelin")
    last = entry.history.first()
    assert (last.car, last.tyres, last.history_user, last.history_change_reason) == (
        "Toyota GR010 Hybrid",
        "Michelin",
        editor,
        "Tyres",
    )
    assert updated.pk == entry.pk


def test_a_field_changed_meanwhile_refuses_the_whole_change(editor, session):
    lap = lap_of(session, "7", 2)
    Lap.objects.filter(pk=lap.pk).update(lap_time_ms=90200)
    with pytest.raises(EditConflict) as refused:
        services.record_update(
            record=lap,
            changes={"lap_time_ms": 90100, "sector_1_ms": 30100},
            seen={"lap_time_ms": 90573, "sector_1_ms": None},
            user=editor,
        )
    assert (
        str(refused.value) == "The lap “Lap 2 of #7: 1:30.200” was changed meanwhile (lap_time_ms); nothing was saved."
    )
    assert refused.value.conflicts == [("lap_time_ms", 90573, 90200)]
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.sector_1_ms, lap.history.count()) == (90200, None, 1)


def test_the_same_value_set_meanwhile_is_no_conflict_and_no_write(editor, session):
    lap = lap_of(session, "7", 2)
    Lap.objects.filter(pk=lap.pk).update(lap_time_ms=90100)
    services.record_update(record=lap, changes={"lap_time_ms": 90100}, seen={"lap_time_ms": 90573}, user=editor)
    assert lap.history.count() == 1


def test_a_correction_with_what_the_editor_saw_is_refused_after_a_change_meanwhile(editor, session):
    lap = lap_of(session, "7", 2)
    services.lap_time_correct(lap=lap, lap_time_ms=90200, user=editor, reason="First")
    with pytest.raises(EditConflict):
        services.lap_time_correct(lap=lap, lap_time_ms=90100, user=editor, seen={"lap_time_ms": 90573})
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90200
