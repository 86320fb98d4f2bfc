"""Exceptions of the vzkg library.

Every expected failure is a :class:`VzkgError` with a message meant for people. The CLI turns
each into one ``Error: …`` line and the exit code in :attr:`VzkgError.exit_code`.
"""

from __future__ import annotations


class VzkgError(Exception):
    """Base class of vzkg's expected failures."""

    #: the CLI's exit code: 2, a usage or input error
    exit_code: int = 2


class InputError(VzkgError):
    """A file, option or argument that cannot be used: missing, unreadable or malformed."""


class QuerySyntaxError(InputError):
    """A SPARQL query that does not parse; the message names the line and column."""


class UnknownEntityError(InputError):
    """A name, QID, CURIE or IRI that matches nothing in the graph."""


class RemoteAccessError(InputError):
    """Data, a query or shapes pointed at a URL or file that vzkg was not allowed to read, or
    that failed when it was allowed."""


class TimeLimitError(VzkgError):
    """Work stopped because it ran past its time limit."""

    #: the CLI's exit code for work stopped at a limit
    exit_code = 3
