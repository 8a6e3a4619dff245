"""URL configuration: the editors' admin and the public pages."""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

admin.site.site_header = "wecresults editors"
admin.site.site_title = "wecresults"
admin.site.index_title = "Results administration"


def favicon(request):
    return HttpResponsePermanentRedirect(static("events/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]
