"""Numbers in English words or digits, with the qualifier the words give them.

"238" is exact, "more than 200" a lower bound, "about 900" approximate, "hundreds of thousands"
an order of magnitude (100,000 to 999,999), "the fifth flight" the exact number 5 and "most"
a proportion above one half. :func:`mentions` finds every such number in a span of text, so a
quantity can be checked against the words quoted as its evidence.

>>> [str(m) for m in mentions("more than 200 Venezuelans")]
['more than 200 (lower bound)']
>>> [str(m) for m in mentions("More than seven million Venezuelans have fled")]
['More than seven million (lower bound)']
>>> [str(m) for m in mentions("hundreds of thousands of immigrants")]
['hundreds of thousands (100000 to 999999)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

EXACT, APPROXIMATE, LOWER, UPPER, MAGNITUDE = (
    "Exact",
    "Approximate",
    "LowerBound",
    "UpperBound",
    "OrderOfMagnitude",
)
_QUALIFIER_WORDS = {
    EXACT: "exact",
    APPROXIMATE: "approximate",
    LOWER: "lower bound",
    UPPER: "upper bound",
}

_UNITS = {
    word: value
    for value, word in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen""".split()
    )
}
_TENS = {
    word: 10 * (index + 2)
    for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_ORDINALS = {
    word: index + 1
    for index, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split()
    )
}
_ORDINAL_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
# words before a number that say how exact it is (longest first)
_QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("more", "than"), LOWER),
        (("over",), LOWER),
        (("at", "least"), LOWER),
        (("upwards", "of"), LOWER),
        (("above",), LOWER),
        (("about",), APPROXIMATE),
        (("around",), APPROXIMATE),
        (("approximately",), APPROXIMATE),
        (("roughly",), APPROXIMATE),
        (("nearly",), APPROXIMATE),
        (("almost",), APPROXIMATE),
        (("some",), APPROXIMATE),
        (("close", "to"), APPROXIMATE),
        (("an", "estimated"), APPROXIMATE),
        (("fewer", "than"), UPPER),
        (("less", "than"), UPPER),
        (("under",), UPPER),
        (("up", "to"), UPPER),
        (("at", "most"), UPPER),
    ],
    key=lambda pair: -len(pair[0]),
)
# words for a share of a whole: "most" of them is more than half
_PROPORTIONS = {"most": (LOWER, Decimal("0.5")), "majority": (LOWER, Decimal("0.5"))}
_MAGNITUDES = {"tens": 10, "hundreds": 100, "thousands": 1000, "millions": 10**6}

# digits are ASCII: other scripts' digits and superscripts are read as words, not numbers
_TOKEN = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|[^\W\d_]+")


@dataclass(frozen=True)
class Token:
    word: str  # lower case
    start: int
    end: int


@dataclass(frozen=True)
class NumberMention:
    """A number as a text gives it: its words, how exact it is, and its value or range."""

    words: str
    qualifier: str
    value: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def __str__(self) -> str:
        if self.qualifier == MAGNITUDE:
            return f"{self.words} ({self.minimum} to {self.maximum})"
        return f"{self.words} ({_QUALIFIER_WORDS[self.qualifier]})"

    def describe(self) -> str:
        """The number in plain words: '200 (lower bound)'."""
        if self.qualifier == MAGNITUDE:
            return f"{self.minimum} to {self.maximum} (order of magnitude)"
        return f"{_plain(self.value)} ({_QUALIFIER_WORDS[self.qualifier]})"


def _plain(value: Decimal | None) -> str:
    return "?" if value is None else format(value.normalize(), "f")


def tokens(text: str) -> list[Token]:
    """Words and digit groups of *text*, lower-cased, hyphenated words split."""
    return [
        Token(match.group(0).lower(), match.start(), match.end()) for match in _TOKEN.finditer(text)
    ]


def _word_number(words: list[Token], at: int) -> tuple[Decimal, int] | None:
    """Parse a number in words starting at *at*; return it and the index after it."""
    total, current, index, seen = 0, 0, at, False
    while index < len(words):
        word = words[index].word
        following = words[index + 1].word if index + 1 < len(words) else ""
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("a", "an") and not seen and following in ("hundred", *_SCALES):
            current = 1
        elif word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word in _SCALES and seen:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "and" and seen and following in (*_UNITS, *_TENS):
            pass
        else:
            break
        seen = True
        index += 1
    if not seen or index == at:
        return None
    return Decimal(total + current), index


def _digits(words: list[Token], at: int) -> tuple[Decimal, int] | None:
    word = words[at].word
    if word[0] not in "0123456789":
        return None
    value = Decimal(word.replace(",", ""))
    index = at + 1
    if index < len(words) and words[index].word in _SCALES:
        value *= _SCALES[words[index].word]
        index += 1
    return value, index


def _ordinal(words: list[Token], at: int) -> tuple[Decimal, int] | None:
    word = words[at].word
    if word in _ORDINALS:
        return Decimal(_ORDINALS[word]), at + 1
    if word in _TENS and at + 1 < len(words) and words[at + 1].word in _ORDINALS:
        return Decimal(_TENS[word] + _ORDINALS[words[at + 1].word]), at + 2
    if word in _ORDINAL_TENS:
        return Decimal(_ORDINAL_TENS[word]), at + 1
    return None


def _magnitude(words: list[Token], at: int) -> tuple[Decimal, Decimal, int] | None:
    """'hundreds of thousands' -> (100000, 999999); 'thousands' -> (1000, 9999)."""
    word = words[at].word
    if word not in _MAGNITUDES:
        return None
    low, index = _MAGNITUDES[word], at + 1
    while (
        index + 1 < len(words)
        and words[index].word == "of"
        and words[index + 1].word in (*_MAGNITUDES, "thousands", "millions")
    ):
        low *= _MAGNITUDES[words[index + 1].word]
        index += 2
    if low < 100 and index == at + 1:  # "tens" alone is not a number
        return None
    return Decimal(low), Decimal(low * 10 - 1), index


def _qualifier(words: list[Token], at: int) -> tuple[str, int]:
    """The qualifier words just before *at*, and where they begin."""
    for phrase, qualifier in _QUALIFIERS:
        begin = at - len(phrase)
        if begin >= 0 and tuple(t.word for t in words[begin:at]) == phrase:
            return qualifier, begin
    return EXACT, at


def mentions(text: str) -> list[NumberMention]:
    """Every number *text* gives, in digits or words, with its qualifier, in order."""
    words = tokens(text)
    found: list[NumberMention] = []
    index = 0
    while index < len(words):
        word = words[index].word
        magnitude = _magnitude(words, index)
        if magnitude is not None:
            low, high, after = magnitude
            span = text[words[index].start : words[after - 1].end]
            found.append(NumberMention(span, MAGNITUDE, minimum=low, maximum=high))
            index = after
            continue
        if word in _PROPORTIONS:
            qualifier, value = _PROPORTIONS[word]
            found.append(
                NumberMention(text[words[index].start : words[index].end], qualifier, value)
            )
            index += 1
            continue
        parsed = _digits(words, index) or _ordinal(words, index) or _word_number(words, index)
        if parsed is None:
            index += 1
            continue
        value, after = parsed
        qualifier, begin = _qualifier(words, index)
        span = text[words[begin].start : words[after - 1].end]
        found.append(NumberMention(span, qualifier, value))
        index = after
    return found


def supports(
    mention: NumberMention,
    *,
    qualifier: str,
    value: Decimal | None = None,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
) -> bool:
    """Whether *mention* gives this quantity: the same qualifier and the same value or range.

    >>> [m] = mentions("about 900 Venezuelans")
    >>> supports(m, qualifier="Approximate", value=Decimal(900))
    True
    >>> supports(m, qualifier="Exact", value=Decimal(900))
    False
    """
    if mention.qualifier != qualifier:
        return False
    if qualifier == MAGNITUDE:
        return mention.minimum == minimum and mention.maximum == maximum
    return value is not None and mention.value == value
