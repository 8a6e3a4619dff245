"""Feed a real timing file to a running server through its live feed, in race-time order:
``python manage.py replay_alkamel FILE --session wec/2026/le-mans/race --speed 60`` (one
race hour a minute), for demos, load tests and rehearsals."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from ...addresses import SessionAddress
from ...errors import NotFound
from ...importers.alkamel import AlkamelError
from ...importers.replay import replay_batches


class Command(BaseCommand):
    help = "Post an Al Kamel analysis file to a server's live feed, batch by batch, at a chosen speed."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--session", required=True, help="championship/year/round/session, e.g. wec/2026/le-mans/race"
        )
        parser.add_argument("--speed", type=float, default=60.0, help="race seconds a second (60: an hour a minute)")
        parser.add_argument("--slice", type=int, default=60, help="race seconds a batch (60)")
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server (http://127.0.0.1:8000)")
        parser.add_argument("--token", default=os.environ.get("WECRESULTS_TOKEN", ""),
                            help="an API token (issue_api_token); default: $WECRESULTS_TOKEN")  # fmt: skip
        parser.add_argument("--kind", default="race", help="the session's kind if the server must create it")
        parser.add_argument("--round-name", default="", help="the round's name if the server must create it")

    def handle(self, *args, **options):
        try:
            address = SessionAddress.parse(options["session"])
        except NotFound as error:
            raise CommandError(f"--session: {error}") from None
        if not options["token"]:
            raise CommandError(
                "No token: pass --token or set WECRESULTS_TOKEN (python manage.py issue_api_token USER)."
            )
        if options["speed"] <= 0 or options["slice"] <= 0:
            raise CommandError("--speed and --slice must be positive.")
        try:
            batches = replay_batches(options["file"].read_bytes(), slice_ms=options["slice"] * 1000)
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}.") from None
        except AlkamelError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        query = {"kind": options["kind"]}
        if options["round_name"]:
            query["round_name"] = options["round_name"]
        url = f"{options['url'].rstrip('/')}/api/v1/{address.path}/feed?{urlencode(query)}"
        pause = options["slice"] / options["speed"]
        self.stdout.write(
            f"{len(batches)} batches of {options['slice']} s of race time to {url}, one every {pause:g} s"
        )
        started = time.monotonic()
        for index, batch in enumerate(batches):
            wait = started + index * pause - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            counts = self._post(url, options["token"], batch.text)
            hours, rest = divmod(batch.until_ms // 1000, 3600)
            self.stdout.write(f"{hours}:{rest // 60:02d}:{rest % 60:02d}  {batch.rows} rows  {json.dumps(counts)}")
        self.stdout.write(self.style.SUCCESS(f"Replayed {sum(batch.rows for batch in batches)} rows."))

    def _post(self, url: str, token: str, text: str) -> dict:
        request = urllib.request.Request(
            url,
            data=text.encode(),
            method="POST",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (the URL is the user's server)
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise CommandError(f"{url}: {error.code} {error.read().decode(errors='replace')[:500]}") from None
        except urllib.error.URLError as error:
            raise CommandError(f"{url}: {error.reason} (is the server running?)") from None
