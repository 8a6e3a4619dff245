"""Pages of a list, as the API answers them: ``count``, ``page``, ``page_size``, ``next``,
``previous`` (addresses with the same query but the page) and ``items``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.paginator import EmptyPage, Paginator

from ..errors import NotFound


def page_document(request, items: Sequence, *, page: int, page_size: int, item: Callable, missing: str) -> dict:
    """Page ``page`` of ``items`` (a query set is counted and sliced by the database), each made by ``item``.

    A page past the last is ``NotFound`` saying ``missing``, formatted with ``page``,
    ``count``, ``pages`` and ``page_size``.
    """
    paginator = Paginator(items, page_size)
    try:
        found = paginator.page(page)
    except EmptyPage:
        raise NotFound(
            missing.format(page=page, count=paginator.count, pages=paginator.num_pages, page_size=page_size)
        ) from None

    def page_url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return f"{request.path}?{params.urlencode()}"

    return {
        "count": paginator.count,
        "page": found.number,
        "page_size": page_size,
        "next": page_url(found.next_page_number()) if found.has_next() else None,
        "previous": page_url(found.previous_page_number()) if found.has_previous() else None,
        "items": [item(thing) for thing in found.object_list],
    }
