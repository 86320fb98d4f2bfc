"""Who the words say spoke: a name next to a verb of speech.

A span attributes words to someone when one of that someone's names stands in the clause just
before a verb of speech ("Venezuelan top negotiator Jorge Rodriguez said", "Trump has pledged",
"The Republican president said"), right after it at the end of a clause ("said Rodriguez,"), or
after it with "by" ("criticized by Caracas"). A name is a label or an alternate name in any
language, compared without case or accents; for a government, also the name of the country it
serves (the source's "Venezuela announced"); and a phrase the graph itself ties to someone as the
evidence of a membership ("The Republican president" is the evidence that Trump is a Republican
and a president). A pronoun ("he said") names no one: such words need a curator's
``vzkg:inference`` to be attributed. Where a node's spans name no speaker, the same rules read the
sentence around them (:mod:`vzkg.checks.sentences`), when the text is at hand.

>>> names = Names()
>>> names.add("Jorge Rodriguez", "vz:jorge-rodriguez")
>>> names.add("Maduro", "vz:nicolas-maduro")
>>> sorted(speakers("Venezuelan top negotiator Jorge Rodriguez said in a statement", names))
['vz:jorge-rodriguez']
>>> sorted(speakers("The Republican president said Maduro had failed", names))
[]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

# past tenses, and present forms that are never nouns ("promises", "claims", "States" are)
SPEECH_VERBS = frozenset(
    """say says said saying tells told claimed pledged promised announced announces stated
    declared declares accused criticized criticised denounced insisted warned added argued
    asserted vowed""".split()
)
_PASSIVE = frozenset("was were been being is are be".split())  # "they were told": no speaker
# verbs whose speaker may follow them ("said Rodriguez,"); after "told" stands the listener
_INVERTED = frozenset("said says added insisted declared stated warned argued asserted".split())
# words that open a new clause: a name before them is not the subject of a later verb
_CLAUSE_WORDS = frozenset("and but when that while after before because then which who".split())
_CLAUSE_MARKS = re.compile(r"[.!?;,:\"“”«»()]|--|—")
_WINDOW = 12  # words between a subject and its verb, at most
_WORD = re.compile(r"\w+(?:'\w+)?")


def normalise(text: str) -> str:
    """Lower case, no accents, straight apostrophes: 'Rodríguez’s' -> "rodriguez's"."""
    if text.isascii():  # no accents to take off, no curly apostrophes
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(normalise(text)))


class Names:
    """The names of things, as word sequences, to find in text."""

    def __init__(self) -> None:
        self._by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._longest = 0

    def add(self, name: str, thing: str) -> None:
        words = tuple(m.group(0) for m in _words(name))
        if words:
            self._by_words[words].add(thing)
            self._longest = max(self._longest, len(words))

    def mentions(self, words: list[str]) -> list[tuple[int, int, frozenset[str]]]:
        """Every (first word, word after the last, things named) found in *words*."""
        found = []
        for start in range(len(words)):
            for length in range(1, min(self._longest, len(words) - start) + 1):
                things = self._by_words.get(tuple(words[start : start + length]))
                if things:
                    found.append((start, start + length, frozenset(things)))
        return found


def speakers(span: str, names: Names) -> set[str]:
    """The things *span* names as speakers of words it reports (see the module's rules)."""
    text = normalise(span)
    matches = list(_WORD.finditer(text))
    words = [m.group(0) for m in matches]
    mentions = names.mentions(words)
    found: set[str] = set()
    for verb, word in enumerate(words):
        if word not in SPEECH_VERBS:
            continue
        passive = verb > 0 and words[verb - 1] in _PASSIVE
        # the subject: names in the clause before the verb
        start = verb
        while (
            start > 0
            and verb - start < _WINDOW
            and words[start - 1] not in _CLAUSE_WORDS
            and not _CLAUSE_MARKS.search(text[matches[start - 1].end() : matches[start].start()])
        ):
            start -= 1
        for first, after, things in mentions:
            if start <= first and after <= verb and not passive:
                found |= things
        # the inverted or passive form: "said Rodriguez," / "criticized by Caracas"
        by = verb + 1 < len(words) and words[verb + 1] == "by"
        if not by and word not in _INVERTED:
            continue
        after_verb = verb + 1 + by
        for first, after, things in mentions:
            if first == after_verb:
                tail = text[matches[after - 1].end() :]
                if not tail.strip() or tail.lstrip()[0] in ",.;:!?":
                    found |= things
    return found
