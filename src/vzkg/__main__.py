"""``python -m vzkg``: the same as the ``vzkg`` command."""

from .entry import main

main()
