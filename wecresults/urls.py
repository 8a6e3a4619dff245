"""URL configuration: the editors' admin and the public pages."""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import include, path
from django.views.defaults import page_not_found

from events.api import api

admin.site.site_header = "wecresults editors"
admin.site.site_title = "wecresults"
admin.site.index_title = "Results administration"


def not_found(request, exception):
    """The API answers in JSON even for addresses it does not know; pages get the usual page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"No such address in the API: {request.path}. See /api/v1/docs."}, status=404)
    return page_not_found(request, exception)


handler404 = not_found


def favicon(request):
    return HttpResponsePermanentRedirect(static("events/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("events.site.urls")),
]
