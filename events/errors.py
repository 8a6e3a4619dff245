"""Errors the services and selectors raise; each message names what and where."""


class ResultsError(Exception):
    """Base of every error an editor or a tool can cause with bad input."""


class NotFound(ResultsError):
    """A session, car or lap that the input names does not exist."""


class InvalidChange(ResultsError):
    """The change makes no sense in the current state (already deleted, no reason ...)."""
