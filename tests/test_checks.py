"""The word readers behind the value checks: numbers, dates and speakers, on hand-picked and on
generated text."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vzkg.checks.attribution import Names, normalise, speakers
from vzkg.checks.dates import Stamp, UnknownTimeExpression, When, resolve
from vzkg.checks.numbers import mentions, supports
from vzkg.checks.sentences import sentence_around

settings.register_profile("vzkg", max_examples=200, deadline=None, derandomize=True)
settings.load_profile("vzkg")

ONES = "zero one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int) -> str:
    """English words for 0 <= n < 1,000,000, written independently of the parser."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} hundred" + ("" if rest == 0 else f" and {spell(rest)}")
    rest = n % 1000
    return f"{spell(n // 1000)} thousand" + ("" if rest == 0 else f" {spell(rest)}")


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "qualifier", "value"),
    [
        ("238 Venezuelans", "Exact", 238),
        ("more than 200 Venezuelans", "LowerBound", 200),
        ("about 900 Venezuelans", "Approximate", 900),
        ("More than seven million Venezuelans", "LowerBound", 7_000_000),
        ("the fifth flight", "Exact", 5),
        ("30 days to leave", "Exact", 30),
        ("most from the United States", "LowerBound", Decimal("0.5")),
        ("fewer than 1,200 people", "UpperBound", 1200),
        ("nearly a million", "Approximate", 1_000_000),
        ("some 3.5 million", "Approximate", 3_500_000),
    ],
)
def test_numbers_in_words(words: str, qualifier: str, value: Decimal) -> None:
    [mention] = mentions(words)
    assert (mention.qualifier, mention.value) == (qualifier, Decimal(value))


def test_orders_of_magnitude() -> None:
    [mention] = mentions("hundreds of thousands of immigrants")
    assert supports(
        mention, qualifier="OrderOfMagnitude", minimum=Decimal(100000), maximum=Decimal(999999)
    )
    assert [m.minimum for m in mentions("tens of thousands")] == [Decimal(10000)]
    assert mentions("tens") == []


@given(st.integers(0, 999_999))
def test_any_number_in_words_reads_back(n: int) -> None:
    [mention] = mentions(f"they counted {spell(n)} people")
    assert (mention.qualifier, mention.value) == ("Exact", Decimal(n))


@given(st.integers(0, 10**12), st.sampled_from(["more than", "about", "at least", ""]))
def test_any_number_in_digits_reads_back(n: int, qualifier: str) -> None:
    [mention] = mentions(f"{qualifier} {n:,} people".strip())
    expected = {"more than": "LowerBound", "at least": "LowerBound", "about": "Approximate"}
    assert (mention.qualifier, mention.value) == (expected.get(qualifier, "Exact"), Decimal(n))


@given(st.text())
def test_any_text_reads_without_error(text: str) -> None:
    for mention in mentions(text):
        assert mention.words and mention.words in text


# -- dates ------------------------------------------------------------------------------------

DATELINE = date(2025, 3, 23)


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("Saturday", "2025-03-22"),
        ("on Friday", "2025-03-21"),
        ("Sunday's", "2025-03-23"),
        ("last month", "2025-02"),
        ("in January", "2025-01"),
        ("in May", "2024-05"),
        ("Since February", "2025-02/2025-03-23"),
        ("in 2022", "2022"),
        ("since 2019", "2019/2025-03-23"),
        ("over the last decade", "2015/2025-03-23"),
        ("tomorrow", "2025-03-24"),
        ("next year", "2026"),
    ],
)
def test_relative_dates(words: str, label: str) -> None:
    resolved = resolve(words, dateline=DATELINE)
    assert resolved is not None and resolved.label() == label


def test_dates_relative_to_a_reference() -> None:
    saturday = When(at=Stamp("2025-03-22"))
    week = resolve("one week after", dateline=DATELINE, reference=saturday)
    assert week is not None and week.label() == "2025-03-15~"
    assert week.bounds() == (date(2025, 3, 12), date(2025, 3, 18))
    day = resolve("tomorrow", dateline=DATELINE, reference=When(at=Stamp("2025-03-23")))
    assert day == When(at=Stamp("2025-03-22"))
    assert resolve("then", dateline=DATELINE, reference=saturday) == saturday
    with pytest.raises(UnknownTimeExpression, match="not a single day"):
        resolve("two days later", dateline=DATELINE, reference=When(at=Stamp("2025-03")))


def test_words_without_a_date_fix_none_and_unread_dates_are_errors() -> None:
    assert resolve("at the start of Trump's new term", dateline=DATELINE) is None
    assert resolve("subsequently", dateline=DATELINE) is None
    with pytest.raises(UnknownTimeExpression, match="cannot read the date"):
        resolve("the week before last", dateline=DATELINE)
    with pytest.raises(UnknownTimeExpression):
        resolve("2018 elections", dateline=DATELINE)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.sampled_from(list(calendar.day_name)))
def test_a_weekday_is_the_latest_one_up_to_the_dateline(dateline: date, day: str) -> None:
    resolved = resolve(day, dateline=dateline)
    assert resolved is not None and resolved.at is not None
    found = resolved.at.first_day()
    assert calendar.day_name[found.weekday()] == day
    assert timedelta(0) <= dateline - found < timedelta(days=7)


@given(days)
def test_last_month_is_the_month_before(dateline: date) -> None:
    resolved = resolve("last month", dateline=dateline)
    assert resolved is not None and resolved.at is not None and resolved.at.precision == "month"
    assert resolved.at.last_day() < dateline.replace(day=1) <= resolved.at.last_day() + timedelta(1)


@given(st.text(), days)
def test_any_words_resolve_or_are_refused_plainly(words: str, dateline: date) -> None:
    try:
        resolved = resolve(words, dateline=dateline)
    except UnknownTimeExpression:
        return
    if resolved is not None:
        low, high = resolved.bounds()
        assert low is None or high is None or low <= high


# -- speakers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def names() -> Names:
    found = Names()
    for name, thing in [
        ("Jorge Rodríguez", "rodriguez"),
        ("Rodriguez", "rodriguez"),
        ("Maduro", "maduro"),
        ("Donald Trump", "trump"),
        ("The Republican president", "trump"),
        ("Caracas", "caracas"),
        ("AFP", "afp"),
    ]:
        found.add(name, thing)
    return found


@pytest.mark.parametrize(
    ("words", "who"),
    [
        ("Venezuelan top negotiator Jorge Rodriguez said in a statement", {"rodriguez"}),
        ("said Rodriguez, who is also", {"rodriguez"}),
        ("“…,“ said Rodríguez.", {"rodriguez"}),
        ("The Republican president said Maduro had failed to accept", {"trump"}),
        ("US President Donald Trump claimed Venezuela had not lived up", {"trump"}),
        ("and Caracas subsequently said it would no longer accept", {"caracas"}),
        ("a move deeply criticized by Caracas", {"caracas"}),
        ("Relatives told AFP they were told", set()),
        ("he said", set()),
        ("Maduro's 2024 reelection win", set()),
        ("Maduro had failed, Donald Trump said", {"trump"}),
    ],
)
def test_speakers(names: Names, words: str, who: set[str]) -> None:
    assert speakers(words, names) == who


@given(st.text())
def test_any_text_names_speakers_without_error(names: Names, text: str) -> None:
    assert speakers(text, names) <= {"rodriguez", "maduro", "trump", "caracas", "afp"}


@given(st.text(st.characters(max_codepoint=0x7F)) | st.text())
def test_names_are_compared_without_case_accents_or_curly_apostrophes(text: str) -> None:
    # plain ASCII takes a shorter way: it has no accents to take off
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    assert normalise(text) == plain


# -- sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "sentence"),
    [
        (
            "He left. “We are home,“ said Rodriguez. Then.",
            "We are",
            "“We are home,“ said Rodriguez.",
        ),
        (
            "Maduro spoke. And those men would return.",
            "would return",
            "And those men would return.",
        ),
        ("Flights from the U.S. resumed. Next.", "resumed", "Flights from the U.S. resumed."),
        ("“After that.” Then Maduro said so.", "After that.", "“After that.”"),
        ("Heading\n\nMaduro said it. Then", "said", "Maduro said it."),
        ("No end in sight", "end", "No end in sight"),
        # a span holding a full stop is never cut: the sentence grows around it
        ("Ok. “One. Two,“ said Trump. B.", "One. Two", "“One. Two,“ said Trump."),
    ],
)
def test_the_sentence_around_a_span(text: str, span: str, sentence: str) -> None:
    start = text.index(span)
    begin, end = sentence_around(text, start, start + len(span))
    assert text[begin:end] == sentence


@given(st.text(alphabet="ab .?!\n“”", max_size=40), st.data())
def test_the_sentence_always_holds_its_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    begin, finish = sentence_around(text, start, end)
    assert 0 <= begin <= start <= end <= finish <= len(text)
    # a line break ends a sentence: none stands in it outside the span
    assert "\n" not in text[begin:start] + text[end:finish]
