"""Errors the services and selectors raise; each message names what and where."""


class ResultsError(Exception):
    """Base of every error an editor or a tool can cause with bad input."""


class NotFound(ResultsError):
    """A session, car or lap that the input names does not exist."""


class InvalidChange(ResultsError):
    """The change makes no sense in the current state (already deleted, no reason ...)."""


class EditConflict(InvalidChange):
    """Someone else changed a field meanwhile: it is now neither what the editor saw nor what they typed.

    ``conflicts`` lists ``(field, seen, theirs)`` by attribute name; nothing was written.
    """

    def __init__(self, message: str, conflicts: list[tuple[str, object, object]]):
        super().__init__(message)
        self.conflicts = conflicts
