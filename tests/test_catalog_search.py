"""Searching the catalog: by names, aliases, variants and steps, in any form of a word."""

from __future__ import annotations


def test_a_word_is_found_in_its_other_forms(catalog):
    assert catalog.search("bridges")[0].exercise.id == "glute_bridge"
    assert catalog.search("bridging")[0].exercise.id == "glute_bridge"
    stretched = {hit.exercise.id for hit in catalog.search("stretched")}
    assert stretched and stretched == {hit.exercise.id for hit in catalog.search("stretch")}


def test_every_word_must_match_and_names_rank_first(catalog):
    hits = catalog.search("cat cow")
    assert hits[0].exercise.id == "cat_cow" and hits[0].matched.startswith("name")
    assert catalog.search("cat zebra") == []
    assert catalog.search("   ") == []
