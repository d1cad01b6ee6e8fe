"""Search text for the catalogue: one algorithm for SQLite FTS5 and PostgreSQL text search.

Documents
    SQLite: each text field is stored in an FTS5 table as Snowball-stemmed text (:func:`stem_text`).
    PostgreSQL: ``to_tsvector('finnish'|'swedish'|'english', name || ' ' || description)`` with a GIN
    index per language (:func:`pg_document_vector`), i.e. the same Snowball algorithms, run by the
    database.
Compound words and places
    Each language also has an ``extra`` field of ready stems (:func:`extra_stems`): the heads of the
    document's compound words (``lyhytterapia`` -> ``terap``; the heads are a word list kept as data,
    ``data/compounds/``), and the names of the places the service is at (municipality, district, city,
    with their official names in the other language). SQLite keeps them in the FTS5 row; PostgreSQL in a
    column indexed with the ``simple`` configuration, which keeps a stem as it is. Both databases
    therefore hold the same stems, and a query finds ``nettiterapia`` by ``terapia`` and a service in
    Kalasatama by ``Kalasatama`` alike.
Queries
    :func:`parse_query` splits the query into words, drops stop words (the lists PostgreSQL ships), and
    expands each word into its synonyms (the taxonomy's ``synonyms``) and each Finnish word into
    inflected forms (:mod:`.finnish`) because Snowball alone does not bring ``masennus`` and
    ``masennuksen`` together. A service matches when, in one of its languages,
    every query word matches one of its forms; a form matches a document word that starts with the
    form's stem (prefix match, for compounds such as *masennusryhmä*), except for stems shorter than
    :data:`MIN_PREFIX_STEM`, which must match whole.
    :func:`fts5_match` and :func:`pg_tsquery` render the same plan for each database.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from . import taxonomy
from .finnish import inflected_forms as finnish_inflected_forms
from .finnish import query_forms as finnish_query_forms
from .taxonomy import DATA_DIR

# PostgreSQL 15 ships the Snowball 2.2.0 stemmers; snowballstemmer 2.2.0 is the same algorithm
# version. Snowball 3 changed Swedish "-et" and some English words, so with snowballstemmer 3.x a few
# words stem differently on SQLite and PostgreSQL (pin snowballstemmer==2.2.0 to avoid it).
POSTGRESQL_SNOWBALL_VERSION = "2.2.0"

SEARCH_LANGUAGES = ("fi", "sv", "en")
PG_CONFIG = {"fi": "finnish", "sv": "swedish", "en": "english"}
MIN_PREFIX_STEM = 4
MAX_QUERY_WORDS = 8
MAX_QUERY_LENGTH = 200  # characters of a search query (the search form and the API)
TEXT_FIELDS = ("name", "description")
EXTRA_FIELD = "extra"  # ready stems: compound heads and place names (see the module's docstring)
# A compound's own part before its head must have at least this many letters ("lyhyt" + "terapia"),
# so that a head is not found inside a short word of its own.
MIN_COMPOUND_MODIFIER = 3
COMPOUND_LISTS = {"fi": "finnish", "sv": "swedish"}
# Swedish endings of a compound's head (definite and plural forms: terapin, grupper, gruppen ...).
SWEDISH_ENDINGS = ("", "n", "en", "et", "er", "erna", "ar", "arna", "na", "or", "orna")

_WORD = re.compile(r"[^\W_]+")


class QueryError(ValueError):
    """A search query that cannot be used (the message names the parameter)."""


def _check_language(language: str) -> str:
    if language not in PG_CONFIG:
        raise ValueError(f"language: {language!r} is not a search language (allowed: fi, sv, en)")
    return language


def stemmer_version() -> str:
    from importlib.metadata import version

    return version("snowballstemmer")


def stemmer_matches_postgresql() -> bool:
    """Whether the installed snowballstemmer is the Snowball version PostgreSQL uses."""
    return stemmer_version() == POSTGRESQL_SNOWBALL_VERSION


@cache
def stopwords(language: str) -> frozenset[str]:
    path = DATA_DIR / "stopwords" / f"{PG_CONFIG[_check_language(language)]}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_per_thread = threading.local()


def _stemmer(language: str) -> snowballstemmer.stemmer:
    """This thread's stemmer for ``language``. A snowballstemmer object keeps the word being stemmed
    in its own fields, so one shared by the server's threads stems garbage or raises IndexError
    (seen as HTTP 500 under load: BENCHMARKS.md §4); each thread gets its own."""
    stemmers: dict[str, snowballstemmer.stemmer] | None = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    found = stemmers.get(language)
    if found is None:
        found = stemmers[language] = snowballstemmer.stemmer(PG_CONFIG[_check_language(language)])
    return found


def words(text: str) -> list[str]:
    """Lower-cased words (runs of letters and digits) of ``text``."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=65_536)
def stem(word: str, language: str) -> str:
    """Snowball stem of a lower-case word; words with digits stay whole (PostgreSQL's parser sends
    them to the ``simple`` dictionary, which does not stem). Remembered: a catalogue repeats its words,
    and indexing stems each word for the texts and again for the compound heads."""
    if any(ch.isdigit() for ch in word):
        return word
    return str(_stemmer(language).stemWord(word))


def stem_text(text: str | None, language: str) -> str:
    """The stemmed form of ``text`` for the FTS5 index: stems separated by spaces, stop words dropped."""
    if not text:
        return ""
    stop = stopwords(language)
    return " ".join(stem(word, language) for word in words(text) if word not in stop)


@cache
def compound_heads(language: str) -> tuple[str, ...]:
    """Stems of the inflected forms of the compound heads of ``language`` (longest first); none for
    English, whose compounds are written apart."""
    name = COMPOUND_LISTS.get(_check_language(language))
    if name is None:
        return ()
    path = DATA_DIR / "compounds" / f"{name}.txt"
    lemmas = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    heads: set[str] = set()
    for lemma in lemmas:
        forms = finnish_inflected_forms(lemma) if language == "fi" else {lemma + e for e in SWEDISH_ENDINGS}
        heads |= {stem(form, language) for form in forms}
    return tuple(sorted((h for h in heads if len(h) >= 3), key=lambda h: (-len(h), h)))


def compound_parts(text: str | None, language: str) -> list[str]:
    """The heads (as stems) of the compound words of ``text``: ``lyhytterapiaa`` -> ``terap``."""
    if not text:
        return []
    heads = frozenset(compound_heads(language))
    if not heads:
        return []
    stop = stopwords(language)
    found: list[str] = []
    for word in words(text):
        if word in stop or any(ch.isdigit() for ch in word):
            continue
        stemmed = stem(word, language)
        # every ending of the stem that leaves a modifier of its own and is a head (longest first)
        found += [stemmed[i:] for i in range(MIN_COMPOUND_MODIFIER, len(stemmed) - 2) if stemmed[i:] in heads]
    return list(dict.fromkeys(found))


def place_text(names: list[str]) -> str:
    """The place names of a service with their official names in the other language."""
    out: list[str] = []
    for name in names:
        out += taxonomy.place_aliases(name)
    return " ".join(dict.fromkeys(out))


def extra_stems(name: str | None, description: str | None, places: str | None, language: str) -> str:
    """The ``extra`` field of one language: compound heads of the texts and the stemmed place names."""
    stop = stopwords(language)
    stems = compound_parts(name, language) + compound_parts(description, language)
    stems += [stem(word, language) for word in words(places or "") if word not in stop]
    return " ".join(dict.fromkeys(s for s in stems if s))


def document(texts: dict[str, str | None], places: str | None) -> dict[str, str]:
    """Every searched field of a service: ``name_fi`` ... as given and ``extra_fi`` ... made here."""
    out = {f"{field}_{lang}": texts.get(f"{field}_{lang}") or "" for lang in SEARCH_LANGUAGES for field in TEXT_FIELDS}
    for lang in SEARCH_LANGUAGES:
        out[f"{EXTRA_FIELD}_{lang}"] = extra_stems(out[f"name_{lang}"], out[f"description_{lang}"], places, lang)
    return out


@dataclass(frozen=True)
class Alternative:
    """One form of a query word: what PostgreSQL is given (``form``) and what FTS5 is given (``stem``)."""

    form: str
    stem: str

    @property
    def prefix(self) -> bool:
        return len(self.stem) >= MIN_PREFIX_STEM


@dataclass(frozen=True)
class SearchPlan:
    """Per language, the query words (ANDed), each a tuple of alternatives (ORed)."""

    groups: dict[str, tuple[tuple[Alternative, ...], ...]]

    @property
    def matches_nothing(self) -> bool:
        return not any(self.groups.values())


def _forms(word: str, language: str) -> set[str]:
    """The word's inflected forms (Finnish), of the word and of each of its synonyms."""
    variants = set(taxonomy.synonyms(word, language))
    if language == "fi":
        from .finnish import guess_lemmas

        for lemma in guess_lemmas(word):
            variants |= taxonomy.synonyms(lemma, language)
    forms: set[str] = set()
    for variant in variants:
        forms |= finnish_query_forms(variant) if language == "fi" else {variant}
    return forms


def parse_query(query: str | None) -> SearchPlan | None:
    """The search plan for ``query``; None when the query has no words (no text condition at all)."""
    if query is None:
        return None
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"q: at most {MAX_QUERY_LENGTH} characters are allowed, got {len(query)}")
    query_words = [w for w in dict.fromkeys(words(query)) if any(ch.isalpha() for ch in w)]
    if not query_words:
        if query.strip():
            return SearchPlan(groups=dict.fromkeys(SEARCH_LANGUAGES, ()))
        return None
    if len(query_words) > MAX_QUERY_WORDS:
        raise QueryError(f"q: at most {MAX_QUERY_WORDS} words are allowed, got {len(query_words)}")
    groups: dict[str, tuple[tuple[Alternative, ...], ...]] = {}
    for language in SEARCH_LANGUAGES:
        stop = stopwords(language)
        language_groups = []
        for word in query_words:
            alternatives: dict[str, Alternative] = {}
            for form in sorted(_forms(word, language)):
                if form in stop:
                    continue
                stemmed = stem(form, language)
                if stemmed:
                    alternatives.setdefault(stemmed, Alternative(form=form, stem=stemmed))
            if alternatives:
                language_groups.append(tuple(alternatives[key] for key in sorted(alternatives)))
        groups[language] = tuple(language_groups)
    return SearchPlan(groups=groups)


def fts5_column(field: str, language: str) -> str:
    return f"{field}_{_check_language(language)}"


def fts5_columns() -> tuple[str, ...]:
    """Columns of the FTS5 table, in order (weights in :data:`FTS5_WEIGHTS` follow the same order)."""
    return tuple(fts5_column(field, lang) for lang in SEARCH_LANGUAGES for field in (*TEXT_FIELDS, EXTRA_FIELD))


FTS5_WEIGHTS = tuple(10.0 if column.startswith("name_") else 1.0 for column in fts5_columns())


def fts5_create_sql(table: str) -> str:
    """DDL of the FTS5 table that holds stemmed text; rowid is the service's primary key."""
    columns = ", ".join(fts5_columns())
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} "
        f"USING fts5({columns}, tokenize='unicode61 remove_diacritics 0')"
    )


def fts5_row(fields: dict[str, str | None]) -> dict[str, str]:
    """Stemmed column values for the FTS5 table from :func:`document`'s fields (``extra_*`` are
    stems already)."""
    return {
        column: (fields.get(column) or "") if column.startswith(f"{EXTRA_FIELD}_")
        else stem_text(fields.get(column), column.rsplit("_", 1)[1])
        for column in fts5_columns()
    }


def fts5_match(plan: SearchPlan) -> str:
    """The FTS5 MATCH expression of a plan (do not call when ``plan.matches_nothing``)."""
    parts = []
    for language, groups in plan.groups.items():
        if not groups:
            continue
        anded = " AND ".join(
            "(" + " OR ".join(f'"{alt.stem}"' + ("*" if alt.prefix else "") for alt in group) + ")"
            for group in groups
        )
        columns = " ".join(fts5_column(field, language) for field in (*TEXT_FIELDS, EXTRA_FIELD))
        parts.append(f"({{{columns}}} : ({anded}))")
    if not parts:
        raise QueryError("q: the query has no searchable words")
    return " OR ".join(parts)


def pg_tsquery(plan: SearchPlan, language: str) -> str | None:
    """Text for ``to_tsquery('<config>', %s)`` in ``language``; None if nothing is searched there."""
    groups = plan.groups.get(_check_language(language), ())
    if not groups:
        return None
    return " & ".join(
        "(" + " | ".join(f"'{alt.form}'" + (":*" if alt.prefix else "") for alt in group) + ")"
        for group in groups
    )


def pg_document_vector(
    language: str, name_column: str, description_column: str, extra_column: str | None = None
) -> str:
    """The tsvector expression of one language (used verbatim by the GIN index and by queries); the
    extra column holds ready stems, which the ``simple`` configuration keeps as they are. (Without an
    extra column: the expression of migration 0002, before compounds and places were indexed.)"""
    config = PG_CONFIG[_check_language(language)]
    parts = [
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({name_column}, '')), 'A')",
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({description_column}, '')), 'B')",
    ]
    if extra_column is not None:
        parts.append(f"setweight(to_tsvector('simple'::regconfig, coalesce({extra_column}, '')), 'C')")
    return "(" + " || ".join(parts) + ")"


@dataclass(frozen=True)
class PgSearch:
    """SQL fragments for PostgreSQL: a boolean ``where`` and a numeric ``rank`` (higher is better),
    each with the parameters for its ``%s`` placeholders."""

    where: str
    where_params: list[str]
    rank: str
    rank_params: list[str]


def pg_search(plan: SearchPlan, columns: dict[str, tuple[str, str, str]]) -> PgSearch:
    """The PostgreSQL condition and rank of ``plan``; ``columns`` maps a language to its
    (name column, description column, extra column)."""
    conditions: list[str] = []
    ranks: list[str] = []
    params: list[str] = []
    for language in SEARCH_LANGUAGES:
        tsquery = pg_tsquery(plan, language)
        if tsquery is None or language not in columns:
            continue
        vector = pg_document_vector(language, *columns[language])
        config = PG_CONFIG[language]
        conditions.append(f"{vector} @@ to_tsquery('{config}'::regconfig, %s)")
        ranks.append(f"ts_rank({vector}, to_tsquery('{config}'::regconfig, %s))")
        params.append(tsquery)
    if not conditions:
        return PgSearch(where="FALSE", where_params=[], rank="0", rank_params=[])
    rank = ranks[0] if len(ranks) == 1 else "GREATEST(" + ", ".join(ranks) + ")"
    return PgSearch(
        where="(" + " OR ".join(conditions) + ")",
        where_params=list(params),
        rank=rank,
        rank_params=list(params),
    )
