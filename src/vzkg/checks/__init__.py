"""vzkg's own checks of the values a source's words support: numbers, speakers and dates.

SHACL says what shape the data has; these say whether the values agree with the words quoted
as their evidence. Each check reads the graph through SPARQL and returns :class:`Finding`\\ s;
:mod:`vzkg.validation` and :mod:`vzkg.evidence` report them beside their own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One value that its words do not support: the node, the property, and why."""

    node: str
    path: str
    message: str
    check: str  # numbers, speakers or dates
    source: str = ""  # the source the node's evidence quotes, if any
