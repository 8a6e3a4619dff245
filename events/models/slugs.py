"""Readable, unique and stable addresses for drivers and teams (``/drivers/antonio-fuoco/``),
and the key their names are searched by.

A slug is made once, from the name, when the row is created (``save`` or ``bulk_create``,
so imports, the demo and the admin all get one) and never changes after: a corrected
name keeps its address. Accents go (``Vaxivière`` is ``vaxiviere``); a name already taken
gets the first free ``-2``, ``-3`` ...; a name with no letter or digit to keep takes the
kind's word (``driver``), and one of digits only is prefixed with it, so that no slug
reads as the numeric id the old addresses used (which redirect).

``search_name`` is the name as search compares it (``events.core.search``: no accents, no
case), kept up to date on every save, unlike the slug.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from ..core.search import search_key

SLUG_MAX_LENGTH = 120
_ROOM_FOR_SUFFIX = 8  # "-" and up to seven digits


def slug_base(text: str, word: str) -> str:
    """The slug a name would have if it were free: ``Antonio Fuoco`` -> ``antonio-fuoco``."""
    base = slugify(text)[: SLUG_MAX_LENGTH - len(word) - 1 - _ROOM_FOR_SUFFIX].strip("-_")
    if not base:
        return word
    return f"{word}-{base}" if base.isdigit() else base


def slugs_assign(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Give each row without a slug the first free one from its name, in one query for all of them."""
    pending = [row for row in rows if not row.slug]
    if not pending:
        return
    bases = [slug_base(row.slug_source(), model.SLUG_WORD) for row in pending]
    pattern = "^(" + "|".join(re.escape(base) for base in sorted(set(bases))) + ")(-[0-9]+)?$"
    taken = set(model._default_manager.filter(slug__regex=pattern).values_list("slug", flat=True))
    for row, base in zip(pending, bases, strict=True):
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        row.slug = slug


class SluggedQuerySet(models.QuerySet):
    """``bulk_create`` gives the new rows their slugs first (``save`` does it for one row)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        slugs_assign(self.model, objs)
        for row in objs:
            row.search_name = search_key(row.slug_source())
        return super().bulk_create(objs, *args, **kwargs)


class Slugged(models.Model):
    """A row with a readable address of its own: ``slug``, made from ``slug_source()`` once."""

    SLUG_WORD = "item"  # the kind's word, for names with nothing to keep

    slug = models.SlugField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        editable=False,  # made from the name, never typed: forms leave it out
        help_text="Its address, made from the name when it was created; it never changes, so links stay good.",
    )
    search_name = models.CharField(max_length=250, editable=False, default="")  # the name as search compares it

    objects = SluggedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            slugs_assign(type(self), [self])
        self.search_name = search_key(self.slug_source())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:  # a name saved alone takes its search key along
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """Its public page (the admin's "View on site")."""
        return reverse(f"events:{self.SLUG_WORD}", kwargs={"slug": self.slug})

    def slug_source(self) -> str:
        """The name the slug is made from."""
        raise NotImplementedError
