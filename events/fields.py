"""A model field and a form field for times kept as integer milliseconds.

Editors type times the way timing screens show them (``1:30.364``); the database
keeps milliseconds. The parsing rules live in :mod:`events.core.laptime`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from .core.laptime import TimeFormatError, format_lap_time, parse_lap_time


class LapTimeFormField(forms.Field):
    """Reads ``1:30.364``, ``1'30.364``, ``90.364``, ``1:30,364`` or ``1:02:03.456``."""

    widget = forms.TextInput

    def __init__(self, *, max_value=None, min_value=None, **kwargs):
        # IntegerField passes these to its form field; a time input has no use for them.
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_lap_time(value)
        return value

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_lap_time(value)
        except TimeFormatError as error:
            raise ValidationError(str(error), code="invalid_time") from error

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"placeholder": "1:30.364", "inputmode": "decimal", "size": 11, "autocomplete": "off"})
        return attrs


class LapTimeField(models.PositiveIntegerField):
    """A time in milliseconds, edited and shown as ``M:SS.mmm``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(1)])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LapTimeFormField, **kwargs})
