"""What one import did, counted as it goes, and its report in lines (printed by the
command, shown by the admin's preview and status pages)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .alkamel import ANALYSIS

# The order in which the report names what the import created.
CREATED_ORDER = ["championship", "season", "round", "session", "classes", "teams", "drivers"]


@dataclass
class ImportSummary:
    session_path: str
    layout: str
    dry_run: bool = False
    created: dict[str, int] = field(default_factory=dict)  # championship, round, session, classes ...
    entries_created: int = 0
    line_up_places_created: int = 0  # a driver joining a car's line-up
    laps_created: int = 0
    laps_updated: int = 0
    laps_unchanged: int = 0
    rows_created: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    times_not_counted: int = 0  # laps faster than the file's marked best: imported with the time deleted
    kept: list[str] = field(default_factory=list)  # editors' changes kept over the file

    def add_created(self, what: str, count: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + count

    def lines(self) -> list[str]:
        head = "Dry run, nothing written: " if self.dry_run else ""
        lines = [f"{head}{self.session_path} ({self.layout} file)"]
        made = [
            f"{count} {what}"
            for what, count in sorted(self.created.items(), key=lambda item: CREATED_ORDER.index(item[0]))
            if count
        ]
        if made:
            lines.append("created: " + ", ".join(made))
        lines.append(f"entries created: {self.entries_created}")
        if self.layout == ANALYSIS:
            lines.append(
                f"laps created: {self.laps_created}, updated: {self.laps_updated}, unchanged: {self.laps_unchanged}"
            )
            if self.times_not_counted:
                lines.append(
                    f"lap times not counted by official timing (imported as deleted): {self.times_not_counted}"
                )
        else:
            lines.append(
                f"result rows created: {self.rows_created}, updated: {self.rows_updated}, "
                f"unchanged: {self.rows_unchanged}"
            )
        lines.append(f"conflicts kept: {len(self.kept)}")
        lines.extend(f"  kept {item}" for item in self.kept)
        return lines
