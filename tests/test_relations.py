"""pipeline.relations: relations between organisations read from text, on many wordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.relations import MEMBER_OF, PARTNER_OF, Mention, extract_relations, page_relations
from spiders.items import NewsItem, OrganisationProfile

SEEDS = Path(__file__).parent / "data" / "seeds"
WHSA = {"IADS", "IFMSA", "IPSF", "IVSA"}

MEMORANDUM = (
    "In 2015, a Memorandum of Understanding (MoU) was signed between the World Health "
    "Students’ Alliance (WHSA), which consists of The International Association of Dental "
    "Students (IADS), The International Federation of Medical Students’ Associations "
    "(IFMSA), The International Pharmaceutical Students’ Federation (IPSF), and The "
    "International Veterinary Student Association (IVSA). This MoU defines the framework."
)


def triples(text, publisher=None):
    return {(r["subject"], r["relation"], r["object"]) for r in extract_relations(text, publisher)}


def members_of(text, group, publisher=None):
    return {s for s, rel, o in triples(text, publisher) if rel == MEMBER_OF and o == group}


def test_the_memorandum_sentence_names_the_four_members_with_their_names():
    relations = extract_relations(MEMORANDUM)
    assert {(r["subject"], r["relation"], r["object"]) for r in relations} == {
        (member, MEMBER_OF, "WHSA") for member in WHSA
    }
    names = {r["subject"]: r["subject_name"] for r in relations}
    assert names["IFMSA"] == "International Federation of Medical Students’ Associations"
    assert names["IADS"] == "International Association of Dental Students"
    assert {r["object_name"] for r in relations} == {"World Health Students’ Alliance"}
    assert all(r["text"].startswith("In 2015, a Memorandum") for r in relations)


def test_seed_002_whole_page():
    text = next(SEEDS.glob("002_*.txt")).read_text()
    assert members_of(text, "WHSA") == WHSA


@pytest.mark.parametrize(
    "text",
    [
        "The Students' Health Alliance (SHA) consists of IADS, IFMSA, IPSF and IVSA.",
        "The Students' Health Alliance (SHA) is made up of IADS, IFMSA, IPSF as well as IVSA.",
        "The Students' Health Alliance (SHA) was founded in 2015. Members of the alliance "
        "are IADS, IFMSA, IPSF and IVSA.",
        "The Students' Health Alliance (SHA) brings together IADS, IFMSA, IPSF & IVSA.",
        "IADS, IFMSA, IPSF and IVSA are members of the Students' Health Alliance (SHA).",
        "IVSA is a member of the Students' Health Alliance (SHA) together with IADS, IFMSA "
        "and IPSF, and works with them on One Health.",
        "On One Health Day, the four members of the Students' Health Alliance (SHA) speak "
        "with one voice: the International Association of Dental Students (IADS), IFMSA, "
        "the IPSF and the International Veterinary Students’ Association (IVSA).",
        "The Students' Health Alliance (SHA), whose members are IADS, IFMSA, IPSF and IVSA, "
        "met in Geneva.",
    ],
)
def test_membership_in_other_wordings(text):
    assert members_of(text, "SHA") == WHSA


def test_the_alliance_refers_back_to_the_last_named_alliance():
    text = (
        "The One Health Network (OHN) met. The Global Students' Alliance (GSA) was founded "
        "in 2010. Today the members of the alliance are EMSA and IPSF."
    )
    assert triples(text) == {("EMSA", MEMBER_OF, "GSA"), ("IPSF", MEMBER_OF, "GSA")}


def test_an_alliance_never_named_gives_nothing():
    assert triples("IADS and IFMSA are members of the alliance.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the "
        "future health workforce",
        "Digital Transformations for Health Lab (DTH-Lab) today announced two strategic "
        "partnerships with the International Federation of Medical Students’ Associations "
        "(IFMSA) and the International Pharmaceutical Students’ Federation (IPSF), "
        "formalizing five years of close collaboration.",
        "DTH-Lab has partnered with IFMSA and IPSF.",
        "The announcement of DTH-Lab’s partnerships with IFMSA and IPSF marks five years.",
        "A new partnership between DTH-Lab, IFMSA and IPSF was signed in Geneva.",
        "DTH-Lab signs a formal partnership with IFMSA & IPSF.",
    ],
)
def test_partnerships_in_other_wordings(text):
    assert triples(text) == {("DTH-Lab", PARTNER_OF, "IFMSA"), ("DTH-Lab", PARTNER_OF, "IPSF")}


def test_in_partnership_with_makes_the_publisher_the_partner():
    text = "The workshop was organised in partnership with the World Health Organization (WHO)."
    assert triples(text, Mention("IFMSA")) == {("IFMSA", PARTNER_OF, "WHO")}
    assert triples(text) == set()  # no publisher, no subject


def test_seed_000_press_release_gives_the_two_partnerships_with_full_names():
    text = next(SEEDS.glob("000_*.txt")).read_text()
    relations = extract_relations(text, Mention("DTH-Lab"))
    assert {(r["subject"], r["relation"], r["object"]) for r in relations} == {
        ("DTH-Lab", PARTNER_OF, "IFMSA"),
        ("DTH-Lab", PARTNER_OF, "IPSF"),
    }
    names = {r["object"]: r["object_name"] for r in relations}
    assert names["IPSF"] == "International Pharmaceutical Students’ Federation"


@pytest.mark.parametrize(
    "text",
    [
        "IFMSA consists of 133 member organizations from 123 countries.",
        "Between 2022 and 2025, DTH-Lab convened more than 600 young people.",
        "Since 2020, DTH-Lab has worked closely with IFMSA and IPSF.",
        "DTH-Lab works in collaboration with IFMSA and IPSF members.",
        "The partnerships aim to strengthen the capacity of the health workforce.",
        "IFMSA was established in 1951 after the end of World War II.",
        "The programme includes Regional Youth Champions and Research Fellows.",
    ],
)
def test_sentences_that_state_no_relation(text):
    assert triples(text, Mention("DTH-Lab")) == set()


def test_names_keep_their_punctuation():
    text = (
        "The Research & Innovation Council (R&IC) has partnered with the Médecins Sans "
        "Frontières Access Campaign and the Students’ Health-Equity Forum (SHEF)."
    )
    relations = extract_relations(text)
    assert {r["subject_name"] for r in relations} == {"Research & Innovation Council"}
    assert {r["object"]: r["object_name"] for r in relations} == {
        "Médecins Sans Frontières Access Campaign": "Médecins Sans Frontières Access Campaign",
        "SHEF": "Students’ Health-Equity Forum",
    }


def test_a_relation_with_itself_is_dropped_and_each_is_given_once():
    text = "IFMSA consists of IFMSA and IADS. IFMSA consists of IADS."
    assert [(r["subject"], r["object"]) for r in extract_relations(text)] == [("IADS", "IFMSA")]


def test_page_relations_of_an_item_and_of_a_profile():
    item = NewsItem(
        source="ifmsa",
        url="https://ifmsa.org/x/",
        title="Workshop on One Health",
        text="The workshop was run in partnership with IVSA.",
    )
    assert [r["subject"] for r in page_relations(item, Mention("IFMSA"))] == ["IFMSA"]
    profile = OrganisationProfile(
        name="International Veterinary Students' Association",
        acronym="IVSA",
        description="Our projects are run in partnership with IADS.",
        source="ivsa",
        url="https://www.ivsa.org/about-us/",
    )
    assert [(r["subject"], r["object"]) for r in page_relations(profile)] == [("IVSA", "IADS")]
