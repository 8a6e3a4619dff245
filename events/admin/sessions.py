"""Sessions, with a link to each one's lap editor, and the import of a timing file:
upload, check (a dry run, whose page shows the preview), confirm, then follow the import.

The upload waits between preview and confirmation in the importers' staging, and both
the check and the import run as importers' jobs, each with its progress page; here is
only the HTTP side: forms, the options kept in the user's session, messages and pages."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..importers import jobs, staging
from ..models import Session
from ..permissions import may_import
from .base import HistoryAdmin
from .circuit_times import SessionForm
from .forms import TimingImportForm
from .live_entry import LiveEntryAdmin, live_entry_link


@admin.register(Session)
class SessionAdmin(LiveEntryAdmin, HistoryAdmin):
    """Sessions; their change list offers the import of a timing file, each one's page its
    live lap entry screen (``live_entry``).

    The list shows and filters each session's state (scheduled, live, provisional, final);
    an editor changes it on the session's page (or its round's), through
    ``session_status_set`` (``base.write_changes``): the history says who moved it, when and why.
    """

    change_list_template = "admin/events/session/change_list.html"
    form = SessionForm  # the start in the circuit's local time
    list_display = ["name", "round", "kind", "status", "start_local", "lap_editor_link"]
    list_filter = ["kind", "status", "round__season__championship", "round__season__year"]
    list_select_related = ["round__season__championship", "round__circuit"]
    search_fields = ["name", "slug", "round__name"]
    readonly_fields = ["path", "lap_editor_link", "live_entry"]
    # What a job's page says while the job runs, once it is done, once it has failed.
    JOB_HEADINGS = {
        jobs.PREVIEW: {"running": "Checking…", "done": "Preview", "failed": "Check failed"},
        jobs.IMPORT: {"running": "Importing…", "done": "Imported", "failed": "Import failed"},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lap_count=Count("laps"))

    @admin.display(description="laps")
    def lap_editor_link(self, session):
        url = reverse("admin:events_lap_changelist") + f"?session__id__exact={session.pk}"
        count = getattr(session, "lap_count", None)
        if count is None:
            count = session.laps.count()
        return format_html('<a href="{}">Lap editor ({} laps)</a>', url, count)

    @admin.display(description="start (circuit time)", ordering="start")
    def start_local(self, session):
        local = session.start_local
        return local.text if local is not None else "—"

    @admin.display(description="live entry")
    def live_entry(self, session):
        return live_entry_link(session)

    def get_urls(self):
        return [
            *self.live_entry_urls(),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="events_session_import",
            ),
            path(
                "import/<str:token>/",
                self.admin_site.admin_view(self.import_status_view),
                name="events_session_import_status",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _check_may_import(request):
        if not may_import(request.user):
            raise PermissionDenied

    def import_view(self, request):
        """Upload a timing file; its check runs as a job, whose page shows the preview to confirm."""
        self._check_may_import(request)
        form = TimingImportForm(request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "title": "Import timing file", "opts": self.model._meta}
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirmed(request, context)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            options = {
                key: form.cleaned_data[key]
                for key in ("session_path", "kind", "championship_name", "round_name", "session_name")
            }
            token = staging.staged_upload_save(data)
            request.session[f"import-{token}"] = options
            jobs.preview_job_start(
                token=token,
                data=data,
                options=self._import_options(options),
                user=request.user,
                file_name=upload.name,
                background=settings.WECRESULTS_IMPORTS_IN_BACKGROUND,
            )
            return self._job_page_redirect(token)
        context["form"] = form
        return TemplateResponse(request, "admin/events/session/import.html", context)

    @staticmethod
    def _import_options(options):
        return {**options, "kind": options["kind"] or None}

    def _import_confirmed(self, request, context):
        """Import the upload whose preview the editor saw: only once its check has passed."""
        token = request.POST.get("token", "")
        state = (jobs.job_state(token) if token.isalnum() else None) or {}
        preview = state.get("kind") == jobs.PREVIEW
        if preview and state["state"] == "running":
            self.message_user(
                request, "That file is still being checked; confirm once its preview shows.", messages.ERROR
            )
            return self._job_page_redirect(token)
        options = request.session.pop(f"import-{token}", None)
        checked = preview and state["state"] == "done"  # neither refused nor imported already
        data = staging.staged_upload_read(token) if options is not None and checked else None
        if data is None:
            self.message_user(request, "That preview has expired; upload the file again.", messages.ERROR)
            context["form"] = TimingImportForm()
            return TemplateResponse(request, "admin/events/session/import.html", context)
        staging.staged_upload_remove(token)
        jobs.import_job_start(
            token=token,
            data=data,
            options=self._import_options(options),
            user=request.user,
            file_name=state["file_name"],
            background=settings.WECRESULTS_IMPORTS_IN_BACKGROUND,
        )
        return self._job_page_redirect(token)

    @staticmethod
    def _job_page_redirect(token):
        return HttpResponseRedirect(reverse("admin:events_session_import_status", args=[token]))

    def import_status_view(self, request, token):
        """A job's page: its progress, then the preview to confirm or the import's summary;
        JSON for the page's own script."""
        self._check_may_import(request)
        state = jobs.job_state(token)
        if state is None:
            raise Http404("No such import.")
        if request.GET.get("format") == "json":
            return JsonResponse(state)
        kind = state.get("kind", jobs.IMPORT)  # (a state kept from before jobs had kinds)
        headings = self.JOB_HEADINGS[kind]
        if kind == jobs.PREVIEW and state["file_name"]:
            headings = {**headings, "done": f"Preview of {state['file_name']}"}
        context = {
            **self.admin_site.each_context(request),
            "title": "Import timing file",
            "opts": self.model._meta,
            "job": state,
            "kind": kind,
            "token": token,
            "headings": headings,
            "status_url": f"{request.path}?format=json",
        }
        return TemplateResponse(request, "admin/events/session/import_status.html", context)
