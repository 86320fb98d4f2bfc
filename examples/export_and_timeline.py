"""Export the graph to a TriG file and print the events of February 2025 in date order.

Run: python examples/export_and_timeline.py [OUTPUT.trig]
"""

import sys
import tempfile
from pathlib import Path

import vzkg

kg = vzkg.load()
target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "vzkg.trig"
vzkg.export(kg, destination=target)  # the format follows the extension; the write is atomic
print(f"wrote {target} ({target.stat().st_size} bytes)")

for date, _event, what, kind, status in vzkg.timeline(kg, start="2025-02", end="2025-02").rows:
    print(f"{date:<22} {what} [{kind}, {status}]")
