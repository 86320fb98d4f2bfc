"""The sentence around a span of a text: where a reader looks for who said the words.

A news text names the author of reported words in the sentence that reports them, often
outside the words themselves ("“…,“ said Rodriguez, who is also…"), so the speaker check reads
that sentence when it has the text. A sentence ends at a line break (the text's paragraphs and
headings are lines) or at ".", "!" or "?" followed, after any closing quotation marks or
brackets, by white space or the end of the text; a full stop after a lone capital letter
("U.S.", "J. Smith") ends nothing. The sentence around a span runs from the last end before
the span to the first end after it, so a span is never cut, even one that holds a full stop.
The rule is plain on purpose: a full stop inside a quotation ends a sentence there, which can
only hide a speaker from the check, never lend one.

>>> text = 'He left. “We are home,“ said Rodriguez. Then Maduro spoke.'
>>> start = text.index("We are")
>>> start_, end_ = sentence_around(text, start, start + len("We are home"))
>>> text[start_:end_]
'“We are home,“ said Rodriguez.'
>>> other = "Flights from the U.S. resumed. Next."
>>> other[slice(*sentence_around(other, 0, 7))]
'Flights from the U.S. resumed.'
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<!\b[A-Z])[.!?][\"'”“’»)\]]*(?=\s|$)|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence of *text* that holds the span *start*-*end* (see the
    module's rules), trimmed of the white space around it but never of the span's own."""
    begin, finish = 0, len(text)
    for match in _END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.end() >= end:
            finish = match.end()
            break
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish
