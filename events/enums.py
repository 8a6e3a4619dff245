"""The models' choices, built from the core's vocabulary (``events.core.vocab``).

Each code and label is written once, in the core; here they become Django
``TextChoices`` (``.choices``, ``.values``, ``.label`` for forms, the admin and
migrations).
"""

from django.db import models

from .core import vocab


def _choices(vocabulary: type[vocab.Vocabulary]) -> type[models.TextChoices]:
    choices = models.TextChoices(
        vocabulary.__name__,
        [(member.name, (member.value, member.label)) for member in vocabulary],
        module=__name__,
    )
    choices.__doc__ = vocabulary.__doc__  # the API's schema describes the codes with it
    return choices


QualifyingRule = _choices(vocab.QualifyingRule)
FiaCategory = _choices(vocab.FiaCategory)
SessionKind = _choices(vocab.SessionKind)
SessionStatus = _choices(vocab.SessionStatus)
FlagAtLine = _choices(vocab.FlagAtLine)
DeletionReason = _choices(vocab.DeletionReason)
PenaltyKind = _choices(vocab.PenaltyKind)
ResultStatus = _choices(vocab.ResultStatus)
EntrantKind = _choices(vocab.EntrantKind)
PointsScale = _choices(vocab.PointsScale)
PointsShare = _choices(vocab.PointsShare)
