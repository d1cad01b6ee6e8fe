"""Inflected surface forms of Finnish query words.

Snowball's Finnish stemmer (the one PostgreSQL's ``finnish`` configuration uses too) removes case
endings but does not undo consonant gradation or the stem changes of common word types, so
``masennus`` (stem ``masennus``) and ``masennuksen`` (stem ``masennuks``) do not meet. Instead of
changing the stemmer - which PostgreSQL's built-in configuration cannot follow - a query word is
expanded into a handful of its inflected forms; each form is then stemmed by the same Snowball
algorithm on both databases and the alternatives are ORed. The rules cover the productive word types
of the mental-health vocabulary (-us/-ys, -uus/-yys, -nen, -e and gradating vowel stems); they may
over-generate a little, which only widens recall.
"""

from __future__ import annotations

import re

VOWELS = "aeiouyäö"
_CONS = f"[^{VOWELS}]"
_VOW = f"[{VOWELS}]"

# strong -> weak grade of the consonant(s) before the last vowel, longest pattern first
_WEAKEN = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("t", "d"),
    ("p", "v"),
)
# weak -> strong grade (the -e words such as päihde -> päihteen, lähete -> lähetteen)
_STRENGTHEN = (
    ("hd", "ht"),
    ("ng", "nk"),
    ("mm", "mp"),
    ("nn", "nt"),
    ("ll", "lt"),
    ("rr", "rt"),
    ("d", "t"),
    ("v", "p"),
    ("t", "tt"),
    ("k", "kk"),
    ("p", "pp"),
)


def _a(word: str) -> str:
    """The harmonic 'a' of the word's case endings (a after back vowels, ä otherwise)."""
    return "a" if re.search("[aou]", word) else "ä"


def _regrade(stem: str, table: tuple[tuple[str, str], ...]) -> str | None:
    """Apply the first matching grade change to the consonant cluster before the stem's last vowel."""
    match = re.match(f"^(.*{_VOW})({_CONS}+)({_VOW}+)$", stem)
    if not match:
        return None
    head, cluster, tail = match.groups()
    for before, after in table:
        if cluster.endswith(before):
            return head + cluster[: -len(before)] + after + tail
    return None


def inflected_forms(lemma: str) -> set[str]:
    """A few inflected forms of a Finnish base form (nominative singular)."""
    a = _a(lemma)
    forms = {lemma}
    if len(lemma) < 3:
        return forms
    if re.search(f"{_CONS}[uy]s$", lemma):  # masennus -> masennukse-
        base = lemma[:-1] + "kse"
        forms |= {
            base + "n",
            base + "en",
            base + "ss" + a,
            base + "st" + a,
            base + "ll" + a,
            base + "lle",
            base + "t",
            lemma + "t" + a,
            lemma[:-1] + "ksi" + a,
            lemma[:-1] + "ksiin",
        }
    elif re.search(f"{_VOW}[uy]s$", lemma):  # terveys -> terveyde-, rakkaus -> rakkaude-
        base = lemma[:-1]
        forms |= {
            base + "den",
            base + "t" + "t" + a,
            base + "teen",
            base + "dess" + a,
            base + "dest" + a,
            base + "delle",
            base + "det",
            base + "ksi" + a,
        }
    elif lemma.endswith("nen"):  # yksinäinen -> yksinäise-
        base = lemma[:-3]
        forms |= {
            base + "sen",
            base + "st" + a,
            base + "seen",
            base + "sess" + a,
            base + "set",
            base + "si" + a,
            base + "sten",
            base + "siin",
        }
    elif lemma.endswith("e"):  # päihde -> päihtee-, perhe -> perhee-
        strong = _regrade(lemma, _STRENGTHEN) or lemma
        forms |= {
            strong + "en",
            strong + "ess" + a,
            strong + "eseen",
            strong + "et",
            lemma + "tt" + a,
            strong + "iden",
            strong + "isiin",
            strong + "i" + "t" + a,
        }
    elif lemma[-1] in VOWELS:  # hoito -> hoido-, neuvonta -> neuvonna-, tuki -> tue-
        weak = _regrade(lemma, _WEAKEN)
        if weak is None and re.search(f"{_VOW}k{_VOW}$", lemma):
            weak = lemma[:-2] + lemma[-1]
        forms |= {lemma + "n", lemma + a, lemma + "ss" + a}
        if lemma.endswith("i"):
            forms |= {lemma[:-1] + "en", lemma[:-1] + "ej" + a}
        if weak is not None:
            forms |= {weak + "n", weak + "ss" + a, weak + "t", weak + "ll" + a}
            if weak.endswith("i"):
                forms |= {weak[:-1] + "en"}
    return forms


_LEMMA_RULES = (
    (re.compile(f"({_CONS})([uy])ks[ei][{VOWELS}nstl]*$"), r"\1\2s"),  # masennuksen -> masennus
    (re.compile(f"({_VOW})([uy])(?:de|tt|te)[{VOWELS}nstl]*$"), r"\1\2s"),  # terveyden -> terveys
    (re.compile(r"i(?:se|s)(?:n|en|ss[aä]|st[aä]|ll[aä]|lle|t|i[aä]|ten|iin)$"), "inen"),  # yksinäisen
    (re.compile(f"({_CONS})et$"), r"\1i"),  # nuoret -> nuori, lapset -> lapsi
)


def guess_lemmas(word: str) -> set[str]:
    """Base forms an inflected word may come from (only for the word types above)."""
    result = set()
    for pattern, replacement in _LEMMA_RULES:
        if pattern.search(word):
            result.add(pattern.sub(replacement, word))
    return result


def query_forms(word: str) -> set[str]:
    """The word, its guessed base forms and their inflected forms."""
    forms = {word}
    for lemma in {word} | guess_lemmas(word):
        forms |= inflected_forms(lemma)
    return forms
