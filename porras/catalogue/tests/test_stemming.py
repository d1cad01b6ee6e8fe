from __future__ import annotations

from porras.catalogue.domain import text
from porras.catalogue.domain.finnish import guess_lemmas, inflected_forms, query_forms


def test_it_lowercases_and_splits_on_punctuation():
    assert text.words("Sote-keskus, 24/7!") == ["sote", "keskus", "24", "7"]


def test_finnish_stems_drop_case_endings():
    assert text.stem_text("ahdistuksen ahdistukseen", "fi") == "ahdistuks ahdistuks"


def test_swedish_stems_drop_the_definite_ending():
    assert text.stem_text("ångesten", "sv") == "ångest"


def test_stop_words_are_left_out_of_the_index():
    assert text.stem_text("masennus ja ahdistus", "fi") == "masennus ahdistus"
    assert text.stem_text("ångest och oro", "sv") == "ångest oro"


def test_words_with_digits_are_kept_whole_as_postgresql_does():
    assert text.stem_text("ipc2 ryhmissä", "fi").split()[0] == "ipc2"


def test_a_us_noun_is_expanded_to_its_kse_stem_forms():
    forms = inflected_forms("masennus")
    assert {"masennuksen", "masennukseen", "masennusta", "masennuksia"} <= forms


def test_an_e_noun_is_expanded_with_consonant_gradation():
    assert {"päihteen", "päihteiden", "päihdettä"} <= inflected_forms("päihde")


def test_a_gradating_vowel_noun_gets_its_weak_grade():
    assert "hoidon" in inflected_forms("hoito")
    assert "avun" in inflected_forms("apu")
    assert "neuvonnan" in inflected_forms("neuvonta")


def test_an_inflected_query_word_is_traced_back_to_its_base_form():
    assert "masennus" in guess_lemmas("masennuksen")
    assert "terveys" in guess_lemmas("terveyden")
    assert "yksinäinen" in guess_lemmas("yksinäisen")
    assert "nuori" in guess_lemmas("nuoret")


def test_query_forms_of_an_inflected_word_include_the_base_form():
    assert "ahdistus" in query_forms("ahdistukseen")


def test_an_empty_query_has_no_text_condition():
    assert text.parse_query("") is None
    assert text.parse_query(None) is None


def test_a_query_of_only_punctuation_matches_nothing():
    plan = text.parse_query("!!! ---")
    assert plan is not None and plan.matches_nothing


def test_too_many_words_are_refused_naming_the_parameter():
    try:
        text.parse_query("a b c d e f g h i")
    except text.QueryError as error:
        assert str(error).startswith("q: at most 8 words")
    else:
        raise AssertionError("expected QueryError")


def test_the_postgresql_query_uses_prefix_matching_for_long_stems_only():
    plan = text.parse_query("ångest liv")
    assert plan is not None
    assert text.pg_tsquery(plan, "sv") == "('ångest':*) & ('liv')"


def test_the_fts5_query_restricts_each_language_to_its_columns():
    plan = text.parse_query("ångest")
    assert plan is not None
    assert '{name_sv description_sv extra_sv} : (("ångest"*))' in text.fts5_match(plan)
