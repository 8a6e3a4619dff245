"""Keep stored classifications honest: any saved change to what a result is made of
marks the affected sessions' results as changed (see versions.session_results_touch).

Bulk writes that bypass signals (the Al Kamel loader, the demo) call
session_results_touch themselves.
"""

import contextvars
import functools
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver as django_receiver

from ..models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    OfficialResult,
    Penalty,
    Round,
    RoundPole,
    Season,
    SeasonEntrant,
    Session,
    StatusOverride,
    Team,
)
from .versions import session_results_touch

_suspended = contextvars.ContextVar("results_signals_suspended", default=False)


@contextmanager
def results_signals_suspended():
    """For bulk writers that touch the sessions they changed once, at the end."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def receiver(signal, **kwargs):
    """django.dispatch.receiver, skipped while results_signals_suspended() is active."""

    def decorate(handler):
        @functools.wraps(handler)
        def guarded(*args, **handler_kwargs):
            if not _suspended.get():
                handler(*args, **handler_kwargs)

        return django_receiver(signal, **kwargs)(guarded)

    return decorate


@receiver([post_save, post_delete], sender=Lap)
@receiver([post_save, post_delete], sender=Penalty)
@receiver([post_save, post_delete], sender=StatusOverride)
@receiver([post_save, post_delete], sender=OfficialResult)
def _session_object_changed(sender, instance, **kwargs):
    session_results_touch(session_ids=[instance.session_id])


@receiver(post_save, sender=Session)
def _session_changed(sender, instance, created, **kwargs):
    if not created:
        session_results_touch(session_ids=[instance.pk])


@receiver([post_save, post_delete], sender=Entry)
def _entry_changed(sender, instance, **kwargs):
    session_results_touch(session_ids=Session.objects.filter(round_id=instance.round_id).values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=EntryDriver)
def _line_up_changed(sender, instance, **kwargs):
    rounds = Entry.objects.filter(pk=instance.entry_id).values("round_id")
    session_results_touch(session_ids=Session.objects.filter(round_id__in=rounds).values_list("pk", flat=True))


@receiver(post_save, sender=Team)
def _team_renamed(sender, instance, created, **kwargs):
    if not created:
        rounds = Entry.objects.filter(team=instance).values("round_id")
        session_results_touch(session_ids=Session.objects.filter(round_id__in=rounds).values_list("pk", flat=True))


@receiver(post_save, sender=Driver)
def _driver_renamed(sender, instance, created, **kwargs):
    if not created:
        rounds = Entry.objects.filter(entry_drivers__driver=instance).values("round_id")
        session_results_touch(session_ids=Session.objects.filter(round_id__in=rounds).values_list("pk", flat=True))


@receiver(post_save, sender=Round)
def _round_changed(sender, instance, created, **kwargs):
    if not created:  # its name, dates or circuit show on every session page
        session_results_touch(session_ids=Session.objects.filter(round=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Circuit)
def _circuit_changed(sender, instance, created, **kwargs):
    if not created:  # its length gives the km/h column
        session_results_touch(session_ids=Session.objects.filter(round__circuit=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Championship)
def _championship_changed(sender, instance, created, **kwargs):
    if not created:
        session_results_touch(
            session_ids=Session.objects.filter(round__season__championship=instance).values_list("pk", flat=True)
        )


@receiver([post_save, post_delete], sender=CarClass)
@receiver(post_save, sender=Season)
def _season_rules_changed(sender, instance, **kwargs):
    season_id = instance.pk if sender is Season else instance.season_id
    session_results_touch(session_ids=Session.objects.filter(round__season_id=season_id).values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=SeasonEntrant)
def _entrant_kind_changed(sender, instance, **kwargs):
    # The season's standings are read under the versions of its sessions: any of them would do, all are touched.
    session_results_touch(
        session_ids=Session.objects.filter(round__season_id=instance.season_id).values_list("pk", flat=True)
    )


@receiver([post_save, post_delete], sender=RoundPole)
def _round_pole_changed(sender, instance, **kwargs):
    session_results_touch(session_ids=Session.objects.filter(round_id=instance.round_id).values_list("pk", flat=True))
