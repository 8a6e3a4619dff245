"""The search page: ``/search?q=<text>`` lists the drivers, teams, cars and rounds it finds,
each a link; the address can be shared. The search box in every page's header comes here."""

from django.shortcuts import render

from .. import selectors

MAX_QUERY = 100  # characters of the query read: a name, a number, a year


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = selectors.site_search(query) if query else None
    return render(request, "events/search.html", {"query": query, "results": results})
