"""Times as a source words them, resolved again against its date.

A source dated 2025-03-23 (a Sunday) says "Saturday" for 2025-03-22, "last month" for
February 2025, "in 2022" for the year 2022, "since February" for February 2025 up to its date,
"over the last decade" for 2015 up to its date. Some words give a time relative to another
node's instead ("one week after" the announcement, a flight "tomorrow" from a statement):
:func:`resolve` reads those against the *reference*'s time.

What is understood (case does not matter; a leading "on"/"in", a trailing "'s" are ignored):

- a weekday: that day in the seven days ending on the source's date;
- ``today``, ``tomorrow``, ``yesterday``;
- ``last``/``this``/``next`` ``month``/``year``;
- a month name (``January``, ``in March 2024``): that month, the latest one up to the source's
  date when no year is given; a year (``2022``, ``in 2019``);
- ``since`` a month or a year: from it up to the source's date;
- ``over the last decade`` (or ``past``): from the year ten years before up to the source's date;
- with a reference: ``N days|weeks after|later|before|earlier`` (the reference is that long
  after this, as in "announced Saturday, one week after …"; a week is approximate),
  ``tomorrow``/``yesterday`` (the reference is the day after/before this), ``then`` (the same
  time as the reference).

Words with no date in them ("at the start of Trump's new term") describe a time without fixing
one: :func:`resolve` returns ``None`` and the ordering of events (``vzkg:after``) is what can be
checked. Date words it cannot read raise :class:`UnknownTimeExpression`, so nothing is skipped.

>>> from datetime import date
>>> resolve("Saturday", dateline=date(2025, 3, 23)).label()
'2025-03-22'
>>> resolve("last month", dateline=date(2025, 3, 23)).label()
'2025-02'
>>> resolve("one week after", dateline=date(2025, 3, 23),
...         reference=When(at=Stamp("2025-03-22"))).label()
'2025-03-15~'
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

#: How far either side of an approximate day its sortable bounds reach.
APPROXIMATE_MARGIN = timedelta(days=3)

_WEEKDAYS = [day.lower() for day in calendar.day_name]
_MONTHS = [month.lower() for month in calendar.month_name if month]
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DATE_WORDS = re.compile(
    r"\b(?:"
    + "|".join(_WEEKDAYS + _MONTHS)
    + r"|today|tomorrow|yesterday|days?|weeks?|months?|years?|decade|\d{4})\b"
)


class UnknownTimeExpression(ValueError):
    """Words that speak of a date but that :func:`resolve` cannot read."""


@dataclass(frozen=True, order=True)
class Stamp:
    """A date at the precision a source gives it: ``2025``, ``2025-02`` or ``2025-03-22``."""

    text: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", self.text):
            raise ValueError(f"not a date at day, month or year precision: {self.text!r}")

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    def first_day(self) -> date:
        parts = [int(p) for p in self.text.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def last_day(self) -> date:
        parts = [int(p) for p in self.text.split("-")]
        if len(parts) == 3:
            return date(*parts)
        month = parts[1] if len(parts) == 2 else 12
        return date(parts[0], month, calendar.monthrange(parts[0], month)[1])

    @classmethod
    def of(cls, day: date, precision: str = "day") -> Stamp:
        return cls(day.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]])


@dataclass(frozen=True)
class When:
    """A time: one date (*at*, maybe approximate) or an interval whose ends may be open."""

    at: Stamp | None = None
    begin: Stamp | None = None
    end: Stamp | None = None
    approximate: bool = False

    def label(self) -> str:
        """The time in ISO 8601-2 (EDTF) words: ``2025-03-15~``, ``2025-02/2025-03-23``,
        ``../2025-03-23``."""
        if self.at is not None:
            return self.at.text + ("~" if self.approximate else "")
        begin = self.begin.text if self.begin else ".."
        end = self.end.text if self.end else ".."
        return f"{begin}/{end}"

    def bounds(self) -> tuple[date | None, date | None]:
        """The sortable bounds: the earliest day it can begin, the latest day it can end."""
        if self.at is not None:
            margin = APPROXIMATE_MARGIN if self.approximate else timedelta(0)
            return self.at.first_day() - margin, self.at.last_day() + margin
        return (
            self.begin.first_day() if self.begin else None,
            self.end.last_day() if self.end else None,
        )


def _normalise(expression: str) -> str:
    text = unicodedata.normalize("NFKC", expression).replace("’", "'").lower()
    text = re.sub(r"'s\b", "", " ".join(text.split()))
    return re.sub(r"^(?:on|in) ", "", text)


def _latest_month(month: int, dateline: date) -> Stamp:
    year = dateline.year if month <= dateline.month else dateline.year - 1
    return Stamp(f"{year:04d}-{month:02d}")


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _absolute(text: str, dateline: date) -> When | None:
    """Words that give a time relative to the source's date, or none of their own."""
    if text in _WEEKDAYS:
        back = (dateline.weekday() - _WEEKDAYS.index(text)) % 7
        return When(at=Stamp.of(dateline - timedelta(days=back)))
    offsets = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if text in offsets:
        return When(at=Stamp.of(dateline + timedelta(days=offsets[text])))
    match = re.fullmatch(r"(last|this|next) (month|year)", text)
    if match:
        step = {"last": -1, "this": 0, "next": 1}[match.group(1)]
        if match.group(2) == "month":
            return When(at=Stamp.of(_shift_month(dateline, step), "month"))
        return When(at=Stamp(f"{dateline.year + step:04d}"))
    match = re.fullmatch(rf"(since |from )?({'|'.join(_MONTHS)})(?: (\d{{4}}))?", text)
    if match:
        month = _MONTHS.index(match.group(2)) + 1
        stamp = (
            Stamp(f"{match.group(3)}-{month:02d}")
            if match.group(3)
            else _latest_month(month, dateline)
        )
        return When(begin=stamp, end=Stamp.of(dateline)) if match.group(1) else When(at=stamp)
    match = re.fullmatch(r"(since |from )?(\d{4})", text)
    if match:
        stamp = Stamp(match.group(2))
        return When(begin=stamp, end=Stamp.of(dateline)) if match.group(1) else When(at=stamp)
    if re.fullmatch(r"(?:over |in |during )?the (?:last|past) decade", text):
        return When(begin=Stamp(f"{dateline.year - 10:04d}"), end=Stamp.of(dateline))
    return None


def _relative(text: str, reference: When) -> When | None:
    """Words that give the *reference*'s time relative to this one."""
    if text == "then":
        return reference
    offsets = {"tomorrow": 1, "yesterday": -1}
    match = re.fullmatch(r"(\w+|\d+) (day|week)s? (after|later|before|earlier)", text)
    if text in offsets:
        days, approximate = offsets[text], False
    elif match and (match.group(1) in _NUMBERS or match.group(1).isdigit()):
        count = _NUMBERS.get(match.group(1)) or int(match.group(1))
        days = count * (7 if match.group(2) == "week" else 1)
        days = days if match.group(3) in ("after", "later") else -days
        approximate = match.group(2) == "week"
    else:
        return None
    if reference.at is None or reference.at.precision != "day":
        raise UnknownTimeExpression(
            f"{text!r} counts days from its reference, whose time {reference.label()} is "
            "not a single day"
        )
    return When(
        at=Stamp.of(reference.at.first_day() - timedelta(days=days)),
        approximate=approximate or reference.approximate,
    )


def resolve(expression: str, *, dateline: date, reference: When | None = None) -> When | None:
    """Return the time *expression* gives against the source's *dateline* (or the time of
    its *reference*), ``None`` when it names no date, or raise :class:`UnknownTimeExpression`.
    """
    text = _normalise(expression)
    resolved = _relative(text, reference) if reference is not None else None
    if resolved is None:
        resolved = _absolute(text, dateline)
    if resolved is None and _DATE_WORDS.search(text):
        raise UnknownTimeExpression(f"cannot read the date in {expression!r}")
    return resolved
