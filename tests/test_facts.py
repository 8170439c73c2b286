"""Facts from organisation descriptions: every wording of the seeds, variants, negatives."""

from pathlib import Path

import pytest

from pipeline.facts import extract_facts, parse_number

SEEDS = Path("/work/shared/seeds")
if not SEEDS.exists():  # the seeds also live in the repo's snapshot
    SEEDS = Path(__file__).parent / "data" / "seeds"

DTHLAB = (
    "DTH-Lab is a global consortium of partners based in Switzerland, Nigeria and India. "
    "DTH-Lab drives inclusive and equitable digital transformations of health by generating "
    "research, driving policy innovation, shaping the public and political agenda through "
    "partnerships and youth co-creation."
)
IFMSA_2026 = (
    "The International Federation of Medical Students Associations (IFMSA) is a non-partisan "
    "and non-profit organization recognized as one of the oldest and largest student-run "
    "organizations in the world. IFMSA was established in 1951 after the end of World War II "
    "to serve as a platform for unity, collaboration and peace among medical students. IFMSA "
    "has a broad representation of  133 member organizations from 123 countries across the "
    "continents of the world and works in close relation with several non-governmental "
    "organizations from all over the world."
)
IPSF_2026 = (
    "The International Pharmaceutical Students' Federation (IPSF) is a non-governmental, "
    "non-political and non-religious organization that represents pharmaceutical students, "
    "pharmacy students and recent graduates from all over the world. It was founded in 1949 "
    "and it is the oldest faculty-based student organization. IPSF represents over 600,000 "
    "individuals in more than 100 countries with more than 130 different representative "
    "pharmacy student member organizations."
)
IFMSA_OLD = """The International Federation of Medical Students Associations (IFMSA) was founded in 1951 as an organization of the medical students, for the medical students, and by the medical students. For more than 60 years, IFMSA was led and run by medical students worldwide.

IFMSA is the worlds oldest and largest independent organization representing associations of medical students internationally. It currently maintains 124 National Member Organizations from more than 115 countries across six continents with over one million students represented worldwide.

  • To expose medical students to humanitarian and global health issues, providing them with the opportunity to educate themselves and their peers;
  • To facilitate partnerships between the medical student community and international organizations working on health, education and medicine;
  • To empower and train medical students to take a role in bringing about the necessary changes to improve the health of all global citizens.

In 2015, a Memorandum of Understanding (MoU) was signed between the World Health Students’ Alliance (WHSA), which consists of The International Association of Dental Students (IADS), The International Federation of Medical Students’ Associations (IFMSA), The International Pharmaceutical Students’ Federation (IPSF), and The International Veterinary Student Association (IVSA). This MoU defines the framework."""


def test_dthlab_based_in():
    facts = extract_facts(DTHLAB)
    assert facts["based_in"] == ["Switzerland", "Nigeria", "India"]
    assert facts["facts"]["based_in"]["text"] == "based in Switzerland, Nigeria and India"


def test_ifmsa_press_release_wording():
    facts = extract_facts(IFMSA_2026)
    assert (facts["founded_year"], facts["member_organisations"], facts["countries"]) == (
        1951,
        133,
        123,
    )
    assert facts["facts"]["member_organisations"] == {
        "value": 133,
        "qualifier": None,
        "text": "133 member organizations",
    }


def test_ipsf_press_release_wording():
    facts = extract_facts(IPSF_2026)
    assert facts["founded_year"] == 1949
    assert facts["people_represented"] == 600_000
    assert facts["facts"]["people_represented"]["qualifier"] == "over"
    assert facts["facts"]["countries"] == {
        "value": 100,
        "qualifier": "more than",
        "text": "more than 100 countries",
    }
    assert facts["member_organisations"] == 130
    assert facts["facts"]["member_organisations"]["qualifier"] == "more than"


def test_ifmsa_own_page_wording():
    facts = extract_facts(IFMSA_OLD)
    assert facts["founded_year"] == 1951
    assert facts["facts"]["founded_year"]["text"] == "founded in 1951"
    assert (facts["member_organisations"], facts["countries"]) == (124, 115)
    assert facts["people_represented"] == 1_000_000
    assert facts["facts"]["people_represented"]["text"] == "over one million students"


def test_objectives_from_bullets():
    objectives = extract_facts(IFMSA_OLD)["objectives"]
    assert len(objectives) == 3
    assert objectives[0].startswith("To expose medical students")
    assert objectives[0].endswith("their peers")
    assert objectives[2].endswith("all global citizens")


def test_whsa_members_are_related_organisations():
    assert extract_facts(IFMSA_OLD)["related_organisations"] == ["IADS", "IFMSA", "IPSF", "IVSA"]


def test_whole_seed_texts():
    seed0 = (SEEDS / "000_cf8ed951870f4e11.txt").read_text(encoding="utf-8")
    seed2 = (SEEDS / "002_b68efdb4b304f275.txt").read_text(encoding="utf-8")
    old = extract_facts(seed2)
    assert (old["founded_year"], old["member_organisations"], old["countries"]) == (1951, 124, 115)
    assert len(old["objectives"]) == 6
    assert old["related_organisations"] == ["IADS", "IFMSA", "IPSF", "IVSA"]
    assert extract_facts(seed0)["based_in"] == ["Switzerland", "Nigeria", "India"]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("IFMSA has 124 National Member Organisations.", "member_organisations", 124),
        ("IFMSA unites 130 NMOs from 120 countries.", "member_organisations", 130),
        ("IFMSA unites 130 NMOs from 120 countries.", "countries", 120),
        (
            "The Federation represents 1.3 million medical students.",
            "people_represented",
            1_300_000,
        ),
        ("It represents two million students.", "people_represented", 2_000_000),
        ("It represents twenty-five thousand students.", "people_represented", 25_000),
        ("IPSF represents 600 000 individuals.", "people_represented", 600_000),
        ("Today, IVSA was established in 1951 in Oslo.", "founded_year", 1951),
        ("The Association was created in 1970 by dental students.", "founded_year", 1970),
        ("IADS is headquartered in Geneva and Amsterdam.", "based_in", ["Geneva", "Amsterdam"]),
        ("It is based in the Netherlands.", "based_in", ["Netherlands"]),
    ],
)
def test_variants(text, key, value):
    assert extract_facts(text)[key] == value


@pytest.mark.parametrize(
    "text",
    [
        "For more than 60 years, IFMSA was led and run by medical students worldwide.",
        "Between 2022 and 2025, DTH-Lab convened more than 600 young people from 80 countries.",
        "DTH-Lab convened more than 600 young people from 80 countries in 2024.",
        "In 2015, a memorandum was signed in 1951 by 40 member organizations from 30 countries.",
        "Since 2020, DTH-Lab has worked closely with IFMSA and IPSF.",
        "",
    ],
)
def test_negatives_give_no_counts(text):
    facts = extract_facts(text)
    assert [
        facts[k]
        for k in ("founded_year", "member_organisations", "countries", "people_represented")
    ] == [None] * 4
    assert facts["facts"] == {}


def test_snapshot_ipsf_wording():
    text = (
        "The International Pharmaceutical Students’ Federation (IPSF) is the leading international "
        "advocacy organisation of pharmacy students and recent graduates. Founded in 1949, we bring "
        "together students of pharmacy and pharmaceutical sciences.\n\nToday IPSF represents over "
        "600,000 pharmacy students and recent graduates in more than 100 countries, through more "
        "than 130 member organisations.\n\nIPSF is a member of the World Health Students’ Alliance "
        "(WHSA) together with the International Association of Dental Students (IADS), the "
        "International Federation of Medical Students’ Associations (IFMSA) and the International "
        "Veterinary Students’ Association (IVSA)."
    )
    facts = extract_facts(text)
    assert (facts["founded_year"], facts["people_represented"], facts["countries"]) == (
        1949,
        600_000,
        100,
    )
    assert facts["member_organisations"] == 130
    assert facts["related_organisations"] == ["IADS", "IFMSA", "IVSA"]


def test_implausible_country_count_is_ignored():
    assert extract_facts("IFMSA works in 600 countries.")["countries"] is None


def test_a_lone_to_sentence_is_not_an_objective():
    assert extract_facts("To achieve this, IFMSA works with partners.")["objectives"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("600,000", 600_000),
        ("1.3 million", 1_300_000),
        ("one million", 1_000_000),
        ("a thousand", 1000),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("133", 133),
        ("members", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value
