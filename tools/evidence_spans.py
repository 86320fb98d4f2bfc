"""Write the evidence spans of a source's TriG file from the words they quote.

Curators write ``vzkg:evidence «exact words»`` (or ``«exact words»@2`` for the second place the
words occur) in ``src/vzkg/data/sources/<id>.trig``; this tool finds the words in the article's
text, replaces each marker with the span's IRI ``vz:evidence-<id>-<start>-<end>`` (offsets in
Unicode code points), and rewrites the file's evidence section — one ``oa:SpecificResource``
with its quote and position selectors per span the file uses, in offset order. It then prints
how much of the article the spans cover: the quotes must not rebuild the article.

    python tools/evidence_spans.py src/vzkg/data/sources/d4642c25d83ac452.trig \\
        ../shared/source/000_d4642c25d83ac452.txt

Run it again after any edit: it is idempotent, and it drops the blocks of spans no longer used.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SECTION = "# Evidence: spans of the article " + "-" * 57
_MARKER = re.compile(r"«([^»]+)»(?:@(\d+))?")


def _place(text: str, words: str, nth: int | None) -> tuple[int, int]:
    places = [m.start() for m in re.finditer(re.escape(words), text)]
    if not places:
        sys.exit(f"not in the text: {words!r}")
    if nth is None and len(places) > 1:
        sys.exit(f"{words!r} occurs {len(places)} times (at {places}); write «…»@N")
    start = places[(nth or 1) - 1]
    return start, start + len(words)


def _block(ident: str, article: str, start: int, end: int, words: str) -> str:
    node = f"vz:evidence-{ident}-{start}-{end}"
    exact = words.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"{node} a oa:SpecificResource ;\n"
        f"    oa:hasSource {article} ;\n"
        f"    oa:hasSelector {node}-quote , {node}-position .\n\n"
        f"{node}-quote a oa:TextQuoteSelector ;\n"
        f'    oa:exact "{exact}" .\n\n'
        f"{node}-position a oa:TextPositionSelector ;\n"
        f"    oa:start {start} ;\n"
        f"    oa:end {end} .\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trig", type=Path)
    parser.add_argument("text", type=Path)
    args = parser.parse_args()
    ident = args.trig.stem
    article = f"vz:article-{ident}"
    text = args.text.read_text(encoding="utf-8")
    source = args.trig.read_text(encoding="utf-8")
    body, found, _ = source.partition(SECTION)
    if not found:  # a first draft: the graph's closing brace comes back after the section
        body = body.rstrip().removesuffix("}")
    body = body.rstrip() + "\n"

    def replace(match: re.Match[str]) -> str:
        start, end = _place(text, match.group(1), int(match.group(2)) if match.group(2) else None)
        return f"vz:evidence-{ident}-{start}-{end}"

    body = _MARKER.sub(replace, body)
    used = sorted(
        {(int(s), int(e)) for s, e in re.findall(rf"vz:evidence-{ident}-(\d+)-(\d+)\b", body)}
    )
    blocks = [_block(ident, article, s, e, text[s:e]) for s, e in used]
    args.trig.write_text(f"{body}\n{SECTION}\n\n" + "\n".join(blocks) + "\n}\n", encoding="utf-8")
    covered = {i for s, e in used for i in range(s, e)}
    print(
        f"{len(used)} spans; they cover {len(covered)} of {len(text)} characters "
        f"({100 * len(covered) / len(text):.1f}%)"
    )


if __name__ == "__main__":
    main()
