"""``python -m vzkg``: the same as the ``vzkg`` command."""

from .cli import main

main()
