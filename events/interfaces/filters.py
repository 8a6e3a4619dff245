"""django-filter filter sets of the public pages."""

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from ..models import ResultRow


class QuickSelect(forms.Select):
    """A select rendered in one pass (Django renders each option through a template, which
    costs more than the rest of a results page when a session has 200 drivers)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value[0] if isinstance(value, list | tuple) and value else value)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) == selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # every value went through escape()


class ResultRowFilter(django_filters.FilterSet):
    """Filter a session's rows by class, team, manufacturer and driver.

    The choices come from the session's own rows (passed in, already loaded), so the
    filter form costs no query and offers only what the session has.
    """

    car_class = django_filters.ChoiceFilter(
        field_name="entry__car_class__code", label="Class", empty_label="All classes"
    )
    team = django_filters.ChoiceFilter(field_name="entry__team__name", label="Team", empty_label="All teams")
    manufacturer = django_filters.ChoiceFilter(
        field_name="entry__manufacturer", label="Manufacturer", empty_label="All manufacturers"
    )
    driver = django_filters.ChoiceFilter(
        field_name="entry__entry_drivers__driver_id", label="Driver", empty_label="All drivers"
    )

    class Meta:
        model = ResultRow
        fields = ["car_class", "team", "manufacturer", "driver"]

    def __init__(self, data=None, queryset=None, *, rows, **kwargs):
        super().__init__(data, queryset, **kwargs)
        classes = sorted({(r.entry.car_class.display_order, r.entry.car_class.code) for r in rows})
        self.filters["car_class"].extra["choices"] = [(code, code) for _, code in classes]
        self.filters["team"].extra["choices"] = [(t, t) for t in sorted({r.entry.team.name for r in rows})]
        self.filters["manufacturer"].extra["choices"] = [
            (m, m) for m in sorted({r.entry.manufacturer for r in rows if r.entry.manufacturer})
        ]
        drivers = {(last, first, driver_id) for r in rows for driver_id, first, last in r.line_up}
        self.filters["driver"].extra["choices"] = [(str(pk), f"{first} {last}") for last, first, pk in sorted(drivers)]
        for name in self.filters:
            self.filters[name].extra["widget"] = QuickSelect(attrs={"data-autosubmit": ""})

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(self.form.data.get(name) for name in self.filters)
