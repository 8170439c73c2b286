"""Build the offline snapshot of the partner sites (tests/sites/<id>/) from the content below.

    python tests/sites/build.py

The content is the two seed texts (the real pages, copied verbatim: double spaces and
curly quotes included) plus written filler; IVSA's site is filler around the few facts
/work/shared/SITES.md gives. Every generated file is committed, so the
snapshot stays reviewable static files; re-run this after editing the content. It also
writes each site's ``_site.json`` (routes, query-string pages, per-file dates) and
``ifmsa/_posts.json`` (the WordPress REST source of truth) that ``pipeline/demo.py`` reads.
IFMSA and IVSA come from the same WordPress templates (``WPSite``, ``build_wordpress``);
IVSA's REST API answers 401 as if a security plugin blocked it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

try:
    from tests.sites import iads_app
except ImportError:  # run as a script: python tests/sites/build.py
    import iads_app

HERE = Path(__file__).resolve().parent


def write(site: str, name: str, text: str) -> None:
    path = HERE / site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def write_manifest(site: str, manifest: dict) -> None:
    write(site, "_site.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def hexid(*parts: str, n: int = 24) -> str:
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:n]


def slugify(title: str) -> str:
    """Webflow-style slug: ASCII-folded, apostrophes dropped, other runs of non-alphanumerics
    become one hyphen. Never shortened (Webflow allows 256 characters)."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# ---------------------------------------------------------------------------------------------
# DTH-Lab (Webflow)
# ---------------------------------------------------------------------------------------------

DTH = "https://www.dthlab.org"
WF_SITE = hexid("dthlab-site")
WF_CDN = f"https://cdn.prod.website-files.com/{WF_SITE}"
WF_PAGE_KEY = "4f3a9c1e"
NEWS = "News & insights"

ANNOUNCEMENT_TITLE = (
    "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the future "
    "health workforce"
)

# The announcement's body (seed 000), verbatim. ("h", text) is a heading, ("ul", [...]) a list.
ANNOUNCEMENT_BODY: list[tuple[str, object]] = [
    (
        "p",
        "Digital Transformations for Health Lab (DTH-Lab) today announced two strategic "
        "partnerships with the International Federation of Medical Students’ Associations "
        "(IFMSA) and the International Pharmaceutical Students’ Federation (IPSF), formalizing "
        "and extending five years of close collaboration with both organizations.",
    ),
    (
        "p",
        "“The announcement of DTH-Lab’s partnerships with IFMSA and IPSF marks the culmination "
        "of five years of successful collaboration and reflects our long-term commitment to "
        "co-creating solutions with young people,” said Aferdita Bytyqi, Executive Director of "
        "DTH-Lab. “Formalizing these partnerships will help strengthen our partners capacity, "
        "while creating space for intergenerational exchange and ensuring youth perspectives "
        "feedback into the Lab’s work.” ",
    ),
    (
        "p",
        "The partnerships aim to strengthen the capacity of the current and future health "
        "workforce as digital citizens for health, while advancing intergenerational "
        "co-creation of equitable, inclusive and youth-centred digital health solutions at "
        "global and regional levels.",
    ),
    (
        "p",
        "“This  synergistic partnership with DTH-Lab will continue to strengthen the role of "
        "pharmacy students and young professionals in shaping inclusive digital health systems "
        "and policies through education, training and  intergenerational collaboration to "
        "develop leaders, changemakers and advocates for health, and  for all,” said Julian "
        "Ryan Tan Jielong, Chairperson of External Relations, IPSF",
    ),
    ("h", "Supporting empowered digital citizens for health"),
    (
        "p",
        "Through the partnerships, DTH-Lab will support IFMSA and IPSF members through learning "
        "activities that promote digital, health and civic literacy, with a particular focus on "
        "incorporating the needs of young health professionals into DTH-Lab’s forthcoming "
        "framework for Digitally-Enabled Health Systems.",
    ),
    ("p", "The partnerships will focus on:"),
    (
        "ul",
        [
            "Strengthening the capacity of the current and future health workforce as digital "
            "citizens for health",
            "Shaping digital health policy through health systems strengthening and health "
            "promotion",
            "Co-creating equitable and inclusive digital health solutions",
            "Exchanging technical expertise to promote intergenerational collaboration",
            "Testing approaches to youth-centred digital first health systems",
        ],
    ),
    (
        "p",
        "This strategic partnership with DTH-Lab will support medical students worldwide to "
        "build the digital, civic and leadership skills needed to meaningfully engage in health "
        "policy and health systems transformation,” said Kana Halić Kordić, IFMSA VP for "
        "External Affairs.",
    ),
    ("h", "From collaboration to partnership"),
    (
        "p",
        "Since 2020, DTH-Lab has worked closely with IFMSA and IPSF through intergenerational "
        "dialogues, capacity building initiatives and global and regional consultations. IFMSA "
        "and IPSF were co-authors of the Youth Statement and Call for Action, a youth-led call "
        "for stronger digital health literacy, skills and governance.",
    ),
    (
        "p",
        "Between 2022 and 2025, DTH-Lab convened more than 600 young people from 80 countries, "
        "in collaboration with IFMSA and IPSF members to co-create a framework for digital first "
        "health systems that reflects the needs of young people and future healthcare "
        "providers. These consultations were embedded within existing regional and global "
        "convenings and were often led by Regional Youth Champions (RYCs) and partner members.",
    ),
    (
        "p",
        "Under the new partnerships, DTH-Lab will continue collaboration at major global and "
        "regional convenings, including the World Health Assembly, IPSF World Congress and "
        "IFMSA General Assemblies, while strengthening regional engagement through RYCs.",
    ),
    (
        "p",
        "The ongoing collaborations between DTH-Lab’s RYCs and IPSF and IFMSA’s networks has "
        "built trust, continuity and shared ownership. This sustained, intergenerational "
        "approach moves beyond tokenistic youth engagement, ensuring future partnership is "
        "grounded in meaningful co-creation and long-term impact.",
    ),
]

ABOUT_DTHLAB = (
    "DTH-Lab is a global consortium of partners based in Switzerland, Nigeria and India. "
    "DTH-Lab drives inclusive and equitable digital transformations of health by generating "
    "research, driving policy innovation, shaping the public and political agenda through "
    "partnerships and youth co-creation. DTH-Lab has a proven track record in meaningfully "
    "working with young people as partners in designing their health futures. DTH-Lab has a "
    "cohort of Regional Youth Champions, a Research Fellowship program and a global "
    "#MyHealthFutures youth network.  "
)
ABOUT_IFMSA = (
    "The International Federation of Medical Students Associations (IFMSA) is a non-partisan "
    "and non-profit organization recognized as one of the oldest and largest student-run "
    "organizations in the world. IFMSA was established in 1951 after the end of World War II "
    "to serve as a platform for unity, collaboration and peace among medical students. IFMSA "
    "has a broad representation of  133 member organizations from 123 countries across the "
    "continents of the world and works in close relation with several non-governmental "
    "organizations from all over the world. IFMSA has a consultative status with the United "
    "Nations Economic and Social Council and has been recognised on a number of occasions as "
    "the voice of medical students by the World Health Organization. Core activities of IFMSA "
    "focus on several main areas, such as public health, human rights, medical education, "
    "sexual and reproductive health and rights  including HIV and AIDS. In addition to this, "
    "IFMSA together with national members organize worldwide professional and research "
    "exchanges for medical students."
)
ABOUT_IPSF = (
    "The International Pharmaceutical Students' Federation (IPSF) is a non-governmental, "
    "non-political and non-religious organization that represents pharmaceutical students, "
    "pharmacy students and recent graduates from all over the world. It was founded in 1949 "
    "and it is the oldest faculty-based student organization. IPSF represents over 600,000 "
    "individuals in more than 100 countries with more than 130 different representative "
    "pharmacy student member organizations."
)
# (heading, paragraphs, link lines) -- "Notes to editors", verbatim from seed 000.
NOTES_TO_EDITORS = [
    (
        "About Digital Transformations for Health Lab (DTH-Lab)",
        [ABOUT_DTHLAB],
        [
            '<a href="https://www.dthlab.org">dthlab.org</a>',
            "Contact: Strategic Communications Consultant, DTH-Lab  "
            "corrie.fairweather-mills(at)dthlab.org",
        ],
    ),
    (
        "About the International Federation of Medical Students Associations (IFMSA)",
        [ABOUT_IFMSA],
        ['<a href="https://ifmsa.org/">https://ifmsa.org/</a>'],
    ),
    (
        "About the International Pharmaceutical Students Association (IPSF)",
        [ABOUT_IPSF],
        ['<a href="https://www.ipsf.org/">https://www.ipsf.org/</a>'],
    ),
]

# The "You may also like" list of seed 000 (newest first): date, type, title, written body.
# The announcement's own body is ANNOUNCEMENT_BODY; two entries have a second paragraph.
DTH_ENTRIES: list[tuple[str, str, str, list[str]]] = [
    ("2026-01-22", NEWS, ANNOUNCEMENT_TITLE, []),
    (
        "2026-01-15",
        "Publication",
        "Shaping our health futures - Regional Youth Champions Impact Report 2024-2025",
        [
            "This report captures the work of DTH-Lab’s 2024-2025 cohort of Regional Youth "
            "Champions across Africa, the Americas, Asia-Pacific, Europe and the Eastern "
            "Mediterranean. Over twelve months the champions led national and regional "
            "consultations, co-authored policy briefs and carried young people’s priorities on "
            "digital health into ministerial and multilateral discussions. The report sets out "
            "what they achieved, what they learned and what they recommend to the next cohort."
        ],
    ),
    (
        "2025-12-16",
        "Multimedia",
        "DTH-Lab Impact 2025",
        [
            "A short film looking back at DTH-Lab’s year: youth consultations on digital first "
            "health systems, new research on digital citizenship for health, and the "
            "partnerships that carried young people’s voices from regional convenings to the "
            "World Health Assembly and the United Nations General Assembly."
        ],
    ),
    (
        "2025-12-15",
        "Publication",
        "Digital citizenship for health: Platform assessment for cooperation, sustainability "
        "and impact",
        [
            "This assessment maps the organisations, networks and platforms that promote digital "
            "citizenship for health, and asks how they can cooperate better. It identifies gaps "
            "in funding, evidence and youth participation, and proposes a shared agenda to make "
            "digital, health and civic literacy efforts sustainable and measurable."
        ],
    ),
    (
        "2025-12-10",
        "Publication",
        "Navigating the digital playground: Youth health amid tech promises and practices",
        [
            "Young people spend much of their lives on platforms designed to capture attention. "
            "Drawing on consultations with young people and a review of industry commitments, "
            "this paper contrasts what technology companies promise on youth safety and "
            "well-being with what their products do in practice, and sets out what regulators "
            "and health authorities can ask of them."
        ],
    ),
    (
        "2025-12-02",
        NEWS,
        "Linking health with digital citizenship education",
        [
            "Digital citizenship education teaches young people to use technology safely, "
            "critically and responsibly, yet it rarely mentions health. DTH-Lab and its partners "
            "are working with education ministries and youth organisations to bring health "
            "literacy, mental well-being and data rights into digital citizenship curricula.",
            "The first results, drawn from pilot schools in three regions, will be presented at "
            "a webinar early next year together with a toolkit for teachers and youth workers.",
        ],
    ),
    (
        "2025-12-01",
        NEWS,
        "Join the Being Online art challenge",
        [
            "What does being online feel like? DTH-Lab invites young people aged 15 to 30 to "
            "answer through drawing, photography, poetry or short video. Selected works will be "
            "shown at our next intergenerational dialogue and shared across the "
            "#MyHealthFutures network."
        ],
    ),
    (
        "2025-11-27",
        NEWS,
        "Meet our new RYCs 2025-2026",
        [
            "We are delighted to welcome the 2025-2026 cohort of Regional Youth Champions. "
            "Selected from hundreds of applicants, the new champions bring experience in "
            "medicine, pharmacy, public health, law and software engineering, and will lead "
            "youth consultations and advocacy in their regions over the coming year.",
            "The champions will work closely with IFMSA, IPSF and other youth partners, and "
            "will present their first findings at the World Health Assembly.",
        ],
    ),
    (
        "2025-11-20",
        NEWS,
        "My day, my rights: protecting children online",
        [
            "On World Children’s Day, DTH-Lab joins calls to make children’s rights the starting "
            "point of digital regulation. From the first app in the morning to the last scroll "
            "at night, children’s days are shaped by design choices they never made; safety, "
            "privacy and health must be built in by default."
        ],
    ),
    (
        "2025-11-14",
        "Publication",
        "Building healthier digital futures with information integrity - World Health Summit "
        "2025 side event report",
        [
            "This report summarises the side event DTH-Lab co-hosted at the World Health Summit "
            "2025 on health misinformation and information integrity. Speakers from governments, "
            "academia, platforms and youth networks discussed how trustworthy health "
            "information can be protected without limiting free expression."
        ],
    ),
    (
        "2025-11-11",
        "Publication",
        "Digital citizenship education for the health and well-being of young people in Europe",
        [
            "A regional review of how European countries include health and well-being in "
            "digital citizenship education, with case studies, gaps and recommendations for "
            "policymakers, schools and youth organisations."
        ],
    ),
    (
        "2025-10-31",
        "Publication",
        "Youth health and well-being in national, regional and global AI governance instruments",
        [
            "Artificial intelligence strategies and regulations are multiplying, but how often "
            "do they mention young people’s health? This analysis of national, regional and "
            "global AI governance instruments finds that youth health is seldom addressed "
            "explicitly, and proposes language that governments can adopt."
        ],
    ),
    (
        "2025-10-28",
        "Journal article",
        "Digital citizenship for health: A youth-authored series for PLOS Digital Health",
        [
            "DTH-Lab’s Research Fellows and Regional Youth Champions have authored a series of "
            "articles for PLOS Digital Health on digital citizenship for health, covering "
            "digital literacy, data governance, online safety and youth participation in "
            "digital health policy."
        ],
    ),
    (
        "2025-10-22",
        "Publication",
        "The impact of digital transformations on young people’s nutrition",
        [
            "Food marketing, delivery apps and social media influencers shape what young people "
            "eat. This brief reviews the evidence on how digital transformations affect young "
            "people’s diets and recommends safeguards against the digital marketing of "
            "unhealthy food."
        ],
    ),
    (
        "2025-09-26",
        "Publication",
        "Putting data solidarity into practice: a guide for public and private organizations, "
        "authorities and policymakers",
        [
            "Data solidarity means sharing the benefits of data use fairly while preventing "
            "harm. This practical guide helps organisations and authorities assess data "
            "projects, distinguish public value from private gain, and govern health data in "
            "the interest of everyone."
        ],
    ),
    (
        "2025-09-23",
        NEWS,
        "Youth and digital gaps threaten success of UN declaration on NCDs and mental health",
        [
            "As world leaders meet in New York for the high-level meeting on noncommunicable "
            "diseases and mental health, DTH-Lab warns that the political declaration says too "
            "little about young people and about the digital determinants of health, from "
            "online marketing of harmful products to unequal access to digital care."
        ],
    ),
    (
        "2025-09-01",
        "Publication",
        "Regional findings on Digital First Health Systems",
        [
            "Findings from youth consultations held in every WHO region on what digital first "
            "health systems should look like: accessible, trustworthy, rights-based and designed "
            "with the people who use them."
        ],
    ),
    (
        "2025-08-15",
        "Journal article",
        "New rules are required for WHO’s engagement with Big Tech",
        [
            "Large technology companies increasingly shape global health, yet the rules that "
            "govern WHO’s engagement with non-state actors were written before their rise. This "
            "commentary argues for new safeguards on conflicts of interest, data access and "
            "transparency."
        ],
    ),
    (
        "2025-08-12",
        NEWS,
        "Call for Applications: Regional Youth Champions - Cohort 2025-2026",
        [
            "DTH-Lab is recruiting its 2025-2026 cohort of Regional Youth Champions: young people "
            "aged 18 to 30 who want to shape digital health policy in their region. Champions "
            "lead consultations, co-author publications and represent young people at regional "
            "and global convenings. Applications close on 15 September 2025."
        ],
    ),
    (
        "2025-07-29",
        NEWS,
        "A mandate for action: Council of the EU calls for safer digital environments for "
        "young people",
        [
            "DTH-Lab welcomes the Council of the European Union’s conclusions on protecting young "
            "people online, which call for safer platform design, stronger enforcement and "
            "better digital literacy. The conclusions echo what young people told us in our "
            "consultations across Europe."
        ],
    ),
]


def human_date(iso: str) -> str:
    d = datetime.strptime(iso, "%Y-%m-%d")
    return f"{d:%B} {d.day}, {d.year}"


def wf_head(title: str, description: str, url: str, page_id: str, extra: str = "") -> str:
    image = f"{WF_CDN}/{hexid('og', url)}_dthlab-og.png"
    t, d = escape(title), escape(description)
    return f"""<!DOCTYPE html><!-- This site was created in Webflow. https://webflow.com --><!-- Last Published: Thu Jan 22 2026 10:02:11 GMT+0000 (Coordinated Universal Time) --><html data-wf-domain="www.dthlab.org" data-wf-page="{page_id}" data-wf-site="{WF_SITE}" lang="en"{extra}><head><meta charset="utf-8"/><title>{t}</title><meta content="{d}" name="description"/><meta content="{t}" property="og:title"/><meta content="{d}" property="og:description"/><meta content="{image}" property="og:image"/><meta content="{t}" property="twitter:title"/><meta content="{d}" property="twitter:description"/><meta content="{image}" property="twitter:image"/><meta property="og:type" content="website"/><meta content="summary_large_image" name="twitter:card"/><meta content="width=device-width, initial-scale=1" name="viewport"/><meta content="Webflow" name="generator"/><link href="{WF_CDN}/css/dthlab.webflow.shared.{hexid("css", n=9)}.css" rel="stylesheet" type="text/css"/><link href="{url}" rel="canonical"/><link href="{WF_CDN}/{hexid("icon")}_favicon.png" rel="shortcut icon" type="image/x-icon"/></head><body class="body">"""


WF_NAV = """<div data-collapse="medium" data-animation="default" data-duration="400" role="banner" class="navbar w-nav"><div class="nav-container w-container"><a href="/" aria-current="page" class="brand w-nav-brand"><img src="{cdn}/{logo}_dthlab-logo.svg" loading="lazy" alt="DTH-Lab logo" class="logo"/></a><nav role="navigation" class="nav-menu w-nav-menu"><a href="/about" class="nav-link w-nav-link">About</a><a href="/youth" class="nav-link w-nav-link">Youth</a><a href="/research-fellows" class="nav-link w-nav-link">Research fellows</a><a href="/news-insights" class="nav-link w-nav-link">News &amp; insights</a><a href="/contact" class="nav-link w-nav-link">Contact</a></nav><div class="menu-button w-nav-button"><div class="w-icon-nav-menu"></div></div></div></div>"""
WF_FOOTER = """<footer class="footer"><div class="w-container"><div class="footer-grid"><div class="footer-text">Digital Transformations for Health Lab (DTH-Lab)<br/>Geneva, Switzerland</div><div class="footer-links"><a href="/privacy-policy" class="footer-link">Privacy policy</a><a href="https://www.linkedin.com/company/dth-lab" class="footer-link">LinkedIn</a><a href="https://x.com/DTH_Lab" class="footer-link">X</a></div><div class="newsletter w-form"><form id="email-form" name="email-form" data-name="Newsletter" method="get"><input class="text-field w-input" maxlength="256" name="email" placeholder="Your email" type="email" required=""/><input type="submit" data-wait="Please wait..." class="submit-button w-button" value="Subscribe"/></form><div class="w-form-done"><div>Thank you! Your submission has been received!</div></div><div class="w-form-fail"><div>Oops! Something went wrong while submitting the form.</div></div></div></div></div></footer><script src="https://d3e54v103j8qbb.cloudfront.net/js/jquery-3.5.1.min.dc5e7f18c8.js?site={site}" type="text/javascript" crossorigin="anonymous"></script><script src="{cdn}/js/webflow.{js}.js" type="text/javascript"></script></body></html>
"""
WF_EMPTY = '<div class="w-dyn-list"><div class="w-dyn-empty"><div>No items found.</div></div></div>'


def wf_nav() -> str:
    return WF_NAV.format(cdn=WF_CDN, logo=hexid("logo"))


def wf_footer() -> str:
    return WF_FOOTER.format(cdn=WF_CDN, site=WF_SITE, js=hexid("js", n=16))


def wf_card(entry: tuple[str, str, str, list[str]]) -> str:
    date, kind, title, _ = entry
    slug = slugify(title)
    thumb = f"{WF_CDN}/{hexid('thumb', slug)}_{slug[:40]}.jpg"
    return (
        f'<div role="listitem" class="collection-item w-dyn-item">'
        f'<a href="/articles/{slug}" class="card-link w-inline-block">'
        f'<img src="{thumb}" loading="lazy" alt="" class="card-image"/>'
        f'<div class="card-meta"><div class="card-type">{escape(kind)}</div>'
        f'<div class="card-date">{human_date(date)}</div></div>'
        f'<h3 class="card-title">{escape(title)}</h3>'
        f'<div class="card-external w-condition-invisible">External link</div></a></div>'
    )


def wf_rich(blocks: list[tuple[str, object]]) -> str:
    out = []
    for kind, value in blocks:
        if kind == "ul":
            out.append("<ul role=\"list\">" + "".join(f"<li>{escape(v)}</li>" for v in value) + "</ul>")  # type: ignore[union-attr]
        elif kind == "h":
            out.append(f"<h2>{escape(str(value))}</h2>")
        else:
            out.append(f"<p>{escape(str(value), quote=False)}</p>")
    return "".join(out)


def dthlab_article(entry: tuple[str, str, str, list[str]]) -> str:
    date, kind, title, paragraphs = entry
    slug = slugify(title)
    url = f"{DTH}/articles/{slug}"
    announcement = title == ANNOUNCEMENT_TITLE
    blocks = ANNOUNCEMENT_BODY if announcement else [("p", p) for p in paragraphs]
    summary = str(blocks[0][1])
    description = summary if len(summary) < 160 else summary[:157].rsplit(" ", 1)[0] + "..."
    extra = f' data-wf-collection="{hexid("articles-collection")}" data-wf-item-slug="{slug}"'
    html = [wf_head(title, description, url, hexid("article-template"), extra), wf_nav()]
    html.append(
        '<main class="main"><section class="section-article"><div class="container-article">'
        f'<div class="article-header"><h1 class="heading-article">{escape(title)}</h1>'
        f'<div class="article-type">{escape(kind)}</div>'
        f'<div class="article-date">{human_date(date)}</div>'
        f'<div class="article-partners">{WF_EMPTY}</div>'
        '<div class="article-author">By <span class="w-dyn-bind-empty"></span>-</div></div>'
        f'<img src="{WF_CDN}/{hexid("hero", slug)}_{slug[:40]}.jpg" loading="lazy" alt="" '
        'class="article-hero-image"/>'
        f'<div class="article-body w-richtext">{wf_rich(blocks)}'
    )
    if announcement:
        html.append("<h3>Notes to editors</h3>")
        for heading, paras, links in NOTES_TO_EDITORS:
            html.append(f"<h4>{escape(heading)}</h4>")
            html += [f"<p>{escape(p, quote=False)}</p>" for p in paras]
            html += [f"<p>{line}</p>" for line in links]
    html.append(
        "</div>"
        '<a href="#" class="button-download w-condition-invisible w-button">Download the report</a>'
        '<div class="reports-block"><div class="text-reports">Click on the links below to read '
        f"the reports:</div>{WF_EMPTY}{WF_EMPTY}</div>"
        f'<div class="references-block"><h4 class="heading-references">References</h4>{WF_EMPTY}'
        "</div></div></section>"
    )
    if announcement:
        cards = "".join(wf_card(e) for e in DTH_ENTRIES)
        html.append(
            '<section class="section-related"><div class="container"><h2 class="heading-related">'
            'You may also like</h2><div class="w-dyn-list"><div role="list" class="related-grid '
            f'w-dyn-items">{cards}</div></div></div></section>'
        )
    html.append("</main>" + wf_footer())
    return "".join(html)


def dthlab_listing(page: int, per_page: int = 12) -> str:
    entries = DTH_ENTRIES[(page - 1) * per_page : page * per_page]
    pages = -(-len(DTH_ENTRIES) // per_page)
    title = "News & insights | DTH-Lab"
    description = "News, publications and multimedia from Digital Transformations for Health Lab."
    html = [wf_head(title, description, f"{DTH}/news-insights", hexid("news-insights")), wf_nav()]
    pager = []
    if page > 1:
        pager.append(
            f'<a href="?{WF_PAGE_KEY}_page={page - 1}" aria-label="Previous Page" '
            'class="w-pagination-previous previous-button"><svg class="w-pagination-previous-icon" '
            'height="12px" width="12px" viewBox="0 0 12 12"><path fill="none" stroke="currentColor" '
            'd="M8 10L4 6l4-4"></path></svg><div class="w-inline-block">Previous</div></a>'
        )
    if page < pages:
        pager.append(
            f'<a href="?{WF_PAGE_KEY}_page={page + 1}" aria-label="Next Page" '
            'class="w-pagination-next next-button"><div class="w-inline-block">Next</div>'
            '<svg class="w-pagination-next-icon" height="12px" width="12px" viewBox="0 0 12 12">'
            '<path fill="none" stroke="currentColor" d="M4 2l4 4-4 4"></path></svg></a>'
        )
    pager.append(f'<div aria-label="Page {page} of {pages}" class="w-page-count">{page} / {pages}</div>')
    html.append(
        '<main class="main"><section class="section-hero-small"><div class="container">'
        '<h1 class="heading-page">News &amp; insights</h1><p class="paragraph-intro">The latest '
        "news, publications and multimedia from DTH-Lab and its youth network.</p></div></section>"
        '<section class="section-listing"><div class="container">'
        '<div class="filter-bar"><a href="#" class="filter-button w-condition-invisible">All</a></div>'
        f'<div class="w-dyn-list"><div role="list" class="listing-grid w-dyn-items">'
        f"{''.join(wf_card(e) for e in entries)}</div>"
        f'<div role="navigation" aria-label="List" class="w-pagination-wrapper pagination">'
        f"{''.join(pager)}</div></div></div></section></main>{wf_footer()}"
    )
    return "".join(html)


def dthlab_home() -> str:
    title = "DTH-Lab | Digital Transformations for Health Lab"
    description = (
        "DTH-Lab drives inclusive and equitable digital transformations of health through "
        "research, policy innovation, partnerships and youth co-creation."
    )
    cards = "".join(wf_card(e) for e in DTH_ENTRIES[:3])
    return "".join(
        [
            wf_head(title, description, f"{DTH}/", hexid("home")),
            wf_nav(),
            '<main class="main"><section class="section-hero"><div class="container">'
            '<h1 class="heading-hero">Shaping our health futures, together</h1>'
            f'<p class="paragraph-hero">{escape(description)}</p>'
            '<a href="/youth" class="button w-button">Youth co-creation</a></div></section>'
            '<section class="section-latest"><div class="container"><h2>Latest</h2>'
            f'<div class="w-dyn-list"><div role="list" class="latest-grid w-dyn-items">{cards}'
            '</div></div><a href="/news-insights" class="link-more">All news &amp; insights</a>'
            f"</div></section></main>{wf_footer()}",
        ]
    )


def dthlab_youth() -> str:
    title = "Youth | DTH-Lab"
    description = "Young people are partners in designing their health futures."
    paragraphs = [
        "Young people are the first generation to grow up with digital technologies shaping "
        "their health. At DTH-Lab we work with them as partners, not as an audience: they "
        "co-design our research, co-author our publications and co-lead our advocacy.",
        "Our Regional Youth Champions lead consultations in every region, our Research Fellows "
        "study the digital determinants of health, and the #MyHealthFutures network connects "
        "thousands of young people who want a say in how digital health is governed.",
        "We work with youth-led organisations including the International Federation of "
        "Medical Students’ Associations and the International Pharmaceutical Students’ "
        "Federation.",
    ]
    body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return "".join(
        [
            wf_head(title, description, f"{DTH}/youth", hexid("youth")),
            wf_nav(),
            '<main class="main"><section class="section-hero-small"><div class="container">'
            '<h1 class="heading-page">Youth</h1></div></section><section class="section-content">'
            f'<div class="container"><div class="rich-text w-richtext">{body}</div>'
            '<h2>Latest from our youth network</h2>'
            '<div class="w-dyn-list"><div role="list" class="w-dyn-items">'
            f"{wf_card(DTH_ENTRIES[7])}{wf_card(DTH_ENTRIES[1])}</div></div>"
            f"</div></section></main>{wf_footer()}",
        ]
    )


def build_dthlab() -> None:
    last_modified: dict[str, str] = {}
    for entry in DTH_ENTRIES:
        name = f"articles/{slugify(entry[2])}.html"
        write("dthlab", name, dthlab_article(entry))
        last_modified[name] = f"{entry[0]}T10:02:11Z"
    write("dthlab", "news-insights.html", dthlab_listing(1))
    write("dthlab", "_query/news-insights-page-2.html", dthlab_listing(2))
    write("dthlab", "index.html", dthlab_home())
    write("dthlab", "youth.html", dthlab_youth())
    write(
        "dthlab",
        "robots.txt",
        "User-agent: *\nAllow: /\n\nSitemap: https://www.dthlab.org/sitemap.xml\n",
    )
    urls = [("/", "2026-01-22"), ("/news-insights", "2026-01-22"), ("/youth", "2025-06-03")]
    urls += [(f"/articles/{slugify(e[2])}", e[0]) for e in DTH_ENTRIES]
    rows = "".join(f"<url><loc>{DTH}{p}</loc><lastmod>{d}</lastmod></url>" for p, d in urls)
    write(
        "dthlab",
        "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">{rows}</urlset>\n',
    )
    last_modified["youth.html"] = "2025-06-03T08:12:40Z"
    write_manifest(
        "dthlab",
        {
            "platform": "webflow",
            "modified": "2026-01-22T10:02:11Z",
            "last_modified": last_modified,
            "query_routes": {
                "/news-insights": {
                    f"{WF_PAGE_KEY}_page": {
                        "1": "news-insights.html",
                        "2": "_query/news-insights-page-2.html",
                    }
                }
            },
            "not_found": ["/articles/rss.xml"],
            "server": "cloudflare",
            "html_headers": {"x-wf-region": "us-east-1", "x-cache": "HIT"},
        },
    )


# ---------------------------------------------------------------------------------------------
# WordPress 6.7.1 + Yoast SEO (IFMSA, IVSA): the templates, one WPSite per site
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WPSite:
    """One WordPress + Yoast SEO site of the snapshot: what differs between IFMSA and IVSA.
    The generator functions below take it, so both sites come from the same templates."""

    id: str  # the folder under tests/sites and the sources.toml id
    url: str  # canonical base URL, no trailing slash
    short: str  # the site name in titles and og:site_name ("IFMSA")
    name: str  # the organisation's full name (plain apostrophe, as Yoast writes it)
    utc_offset: int  # hours: the site's clock (WordPress "date" and visible times)
    categories: dict[int, str]
    authors: dict[int, tuple[str, str]]  # id -> (display name, nicename)
    posts: list[dict]  # newest first; see IFMSA_POSTS
    pages: list[dict]  # id, slug, title, date_gmt, modified_gmt, description, header, content
    logo: str  # absolute URL
    same_as: list[str]  # Organization.sameAs; the first is the Facebook page
    twitter: str
    theme_css: str  # the theme's stylesheet <link>
    header: str
    footer: str
    widget: str  # the theme's "Enquire now"-style sidebar section before "Recent Posts"
    rest_blocked: bool = False  # a security plugin answers the REST API with 401

    @property
    def zone(self) -> str:
        return f"{'+' if self.utc_offset >= 0 else '-'}{abs(self.utc_offset):02d}:00"

    @property
    def name_html(self) -> str:
        return self.name.replace("'", "&#039;")


def texturize(title: str) -> str:
    """The bits of WordPress's wptexturize that titles here need, as WordPress emits them."""
    text = escape(title, quote=False).replace(" - ", " &#8211; ")
    text = re.sub(r'"([^"]*)"', r"&#8220;\1&#8221;", text)
    return text.replace("'", "&#8217;")


def plain(html_text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html_text)
    return re.sub(r"\s+", " ", text).strip()


def excerpt(post: dict) -> str:
    words = plain(post["content"]).split(" ")
    return " ".join(words[:55]) + (" [&hellip;]" if len(words) > 55 else "")


def local(site: WPSite, gmt: str) -> str:
    return (datetime.fromisoformat(gmt) + timedelta(hours=site.utc_offset)).isoformat()


def rfc822(gmt: str) -> str:
    return format_datetime(datetime.fromisoformat(gmt).replace(tzinfo=UTC)).replace("-0000", "+0000")


def wp_rest_post(site: WPSite, post: dict) -> dict:
    base = site.url
    link = f"{base}/{post['slug']}/"
    return {
        "id": post["id"],
        "date": local(site, post["date_gmt"]),
        "date_gmt": post["date_gmt"],
        "guid": {"rendered": f"{base}/?p={post['id']}"},
        "modified": local(site, post["modified_gmt"]),
        "modified_gmt": post["modified_gmt"],
        "slug": post["slug"],
        "status": "publish",
        "type": "post",
        "link": link,
        "title": {"rendered": texturize(post["title"])},
        "content": {"rendered": "\n" + post["content"] + "\n", "protected": False},
        "excerpt": {"rendered": f"<p>{excerpt(post)}</p>\n", "protected": False},
        "author": post["author"],
        "featured_media": post["id"] + 1,
        "comment_status": "closed",
        "ping_status": "closed",
        "sticky": False,
        "template": "",
        "format": "standard",
        "meta": {"footnotes": ""},
        "categories": post["categories"],
        "tags": [],
        "class_list": [
            f"post-{post['id']}",
            "post",
            "type-post",
            "status-publish",
            "format-standard",
            "has-post-thumbnail",
            "hentry",
        ]
        + [f"category-{slugify(site.categories[c])}" for c in post["categories"]],
        "_links": {
            "self": [{"href": f"{base}/wp-json/wp/v2/posts/{post['id']}"}],
            "collection": [{"href": f"{base}/wp-json/wp/v2/posts"}],
            "author": [{"embeddable": True, "href": f"{base}/wp-json/wp/v2/users/{post['author']}"}],
        },
    }


def yoast_graph(site: WPSite, page: dict, url: str, description: str, *, article: bool) -> str:
    base = site.url
    website, org = f"{base}/#website", f"{base}/#organization"
    published = page["date_gmt"] + "+00:00"
    modified = page["modified_gmt"] + "+00:00"
    webpage = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": f"{plain(texturize(page['title']))} - {site.short}",
        "isPartOf": {"@id": website},
        "datePublished": published,
        "dateModified": modified,
        "description": description,
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
        "inLanguage": "en-US",
        "potentialAction": [{"@type": "ReadAction", "target": [url]}],
    }
    graph: list[dict] = []
    if article:
        name, nick = site.authors[page["author"]]
        person = f"{base}/#/schema/person/{hexid('person', nick, n=32)}"
        graph.append(
            {
                "@type": "Article",
                "@id": f"{url}#article",
                "isPartOf": {"@id": url},
                "author": {"name": name, "@id": person},
                "headline": page["title"],
                "datePublished": published,
                "dateModified": modified,
                "mainEntityOfPage": {"@id": url},
                "wordCount": len(plain(page["content"]).split()),
                "publisher": {"@id": org},
                "articleSection": [site.categories[c] for c in page["categories"]],
                "inLanguage": "en-US",
            }
        )
        webpage["author"] = {"@id": person}
    graph.append(webpage)
    graph.append(
        {
            "@type": "BreadcrumbList",
            "@id": f"{url}#breadcrumb",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{base}/"},
                {"@type": "ListItem", "position": 2, "name": page["title"]},
            ],
        }
    )
    graph.append(
        {
            "@type": "WebSite",
            "@id": website,
            "url": f"{base}/",
            "name": site.short,
            "description": site.name,
            "publisher": {"@id": org},
            "inLanguage": "en-US",
        }
    )
    graph.append(
        {
            "@type": "Organization",
            "@id": org,
            "name": site.name,
            "alternateName": site.short,
            "url": f"{base}/",
            "logo": {
                "@type": "ImageObject",
                "@id": f"{base}/#/schema/logo/image/",
                "url": site.logo,
                "contentUrl": site.logo,
                "caption": site.short,
            },
            "sameAs": site.same_as,
        }
    )
    if article:
        name, nick = site.authors[page["author"]]
        graph.append(
            {
                "@type": "Person",
                "@id": f"{base}/#/schema/person/{hexid('person', nick, n=32)}",
                "name": name,
                "url": f"{base}/author/{nick}/",
            }
        )
    graph_doc = {"@context": "https://schema.org", "@graph": graph}
    return json.dumps(graph_doc, ensure_ascii=False, separators=(",", ":"))


def wp_page(site: WPSite, page: dict, *, article: bool) -> str:
    """A post (``article=True``) or a page (``page`` has header, content, description)."""
    base, short = site.url, site.short
    url = f"{base}/{page['slug']}/"
    title = texturize(page["title"])
    description = (
        escape(plain(page["content"])[:155].rsplit(" ", 1)[0] + "...")
        if article
        else page["description"]
    )
    graph = yoast_graph(site, page, url, description, article=article)
    pid = page["id"]
    published = page["date_gmt"] + "+00:00"
    modified = page["modified_gmt"] + "+00:00"
    head = [
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, "
        "max-video-preview:-1' />\n\n"
        "\t<!-- This site is optimized with the Yoast SEO plugin v24.2 - "
        "https://yoast.com/wordpress/plugins/seo/ -->\n"
        f"\t<title>{title} - {short}</title>\n"
        f'\t<meta name="description" content="{description}" />\n'
        f'\t<link rel="canonical" href="{url}" />\n'
        '\t<meta property="og:locale" content="en_US" />\n'
        f'\t<meta property="og:type" content="{"article" if article else "website"}" />\n'
        f'\t<meta property="og:title" content="{title} - {short}" />\n'
        f'\t<meta property="og:description" content="{description}" />\n'
        f'\t<meta property="og:url" content="{url}" />\n'
        f'\t<meta property="og:site_name" content="{short}" />\n'
        f'\t<meta property="article:publisher" content="{site.same_as[0]}" />\n'
    ]
    if article:
        year, month = page["date_gmt"][:4], page["date_gmt"][5:7]
        head.append(
            f'\t<meta property="article:published_time" content="{published}" />\n'
            f'\t<meta property="article:modified_time" content="{modified}" />\n'
            f'\t<meta property="og:image" content="{base}/wp-content/uploads/{year}/{month}/'
            f'{page["slug"][:40]}.jpg" />\n'
            '\t<meta property="og:image:width" content="1200" />\n'
            '\t<meta property="og:image:height" content="630" />\n'
            f'\t<meta name="author" content="{site.authors[page["author"]][0]}" />\n'
        )
    else:
        head.append(f'\t<meta property="article:modified_time" content="{modified}" />\n')
    head.append(
        '\t<meta name="twitter:card" content="summary_large_image" />\n'
        f'\t<meta name="twitter:site" content="{site.twitter}" />\n'
        f'\t<script type="application/ld+json" class="yoast-schema-graph">{graph}</script>\n'
        "\t<!-- / Yoast SEO plugin. -->\n\n\n"
        f'<link rel="alternate" type="application/rss+xml" title="{short} &raquo; Feed" '
        f'href="{base}/feed/" />\n'
        f"<link rel='stylesheet' id='wp-block-library-css' href='{base}/wp-includes/css/"
        "dist/block-library/style.min.css?ver=6.7.1' media='all' />\n"
        f"{site.theme_css}\n"
        f'<link rel="https://api.w.org/" href="{base}/wp-json/" />'
        f'<link rel="alternate" title="JSON" type="application/json" href="{base}/wp-json/wp/v2/'
        f'{"posts" if article else "pages"}/{pid}" />'
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{base}/xmlrpc.php?rsd" />\n'
        '<meta name="generator" content="WordPress 6.7.1" />\n'
        f"<link rel='shortlink' href='{base}/?p={pid}' />\n</head>\n\n"
    )
    if article:
        name, nick = site.authors[page["author"]]
        classes = " ".join(wp_rest_post(site, page)["class_list"])
        pub_local, mod_local = local(site, page["date_gmt"]), local(site, page["modified_gmt"])
        shown = human_date(page["date_gmt"][:10])
        cats = ", ".join(
            f'<a href="{base}/category/{slugify(site.categories[c])}/" rel="category tag">'
            f"{site.categories[c]}</a>"
            for c in page["categories"]
        )
        body = (
            f'<body class="post-template-default single single-post postid-{pid} '
            'single-format-standard">\n<div id="page" class="site">\n'
            f'{site.header}\n<main id="primary" class="site-main">\n'
            f'<article id="post-{pid}" class="{classes}">\n'
            f'<header class="entry-header"><h1 class="entry-title">{title}</h1>'
            f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{url}" '
            f'rel="bookmark"><time class="entry-date published" datetime="{pub_local}{site.zone}">'
            f'{shown}</time><time class="updated" datetime="{mod_local}{site.zone}">'
            f"{human_date(page['modified_gmt'][:10])}</time></a></span> "
            f'<span class="byline">by <span class="author vcard"><a class="url fn n" '
            f'href="{base}/author/{nick}/">{name}</a></span></span></div></header>\n'
            f'<div class="entry-content">\n{page["content"]}\n'
            '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block '
            'sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3>'
            '<div class="sd-content"><ul><li class="share-facebook"><a rel="nofollow noopener '
            f'noreferrer" class="share-facebook sd-button" href="{url}?share=facebook" '
            'target="_blank"><span>Facebook</span></a></li><li class="share-x"><a rel="nofollow '
            f'noopener noreferrer" class="share-x sd-button" href="{url}?share=x" target="_blank">'
            "<span>X</span></a></li><li class=\"share-linkedin\"><a rel=\"nofollow noopener "
            f'noreferrer" class="share-linkedin sd-button" href="{url}?share=linkedin" '
            'target="_blank"><span>LinkedIn</span></a></li></ul></div></div></div>\n</div>\n'
            f'<footer class="entry-footer"><span class="cat-links">Posted in {cats}</span>'
            "</footer>\n</article>\n"
        )
    else:
        body = (
            f'<body class="page-template-default page page-id-{pid}">\n<div id="page" '
            f'class="site">\n{site.header}\n<main id="primary" class="site-main">\n'
            f'<article id="post-{pid}" class="post-{pid} page type-page status-publish hentry">\n'
            f'<header class="entry-header">{page["header"]}</header>\n'
            f'<div class="entry-content">\n{page["content"]}\n</div>\n</article>\n'
        )
    widget = (
        f'<aside id="secondary" class="widget-area">{site.widget}'
        '<section id="recent-posts-2" class="widget widget_recent_entries"><h2 '
        'class="widget-title">Recent Posts</h2><ul>'
        + "".join(
            f'<li><a href="/{p["slug"]}/">{texturize(p["title"])}</a></li>' for p in site.posts[:5]
        )
        + "</ul></section></aside>\n</main>\n</div>\n"
    )
    return "".join(head) + body + widget + site.footer


def wp_feed(site: WPSite, posts: list[dict], paged: int) -> str:
    base = site.url
    self_url = f"{base}/feed/" + (f"?paged={paged}" if paged > 1 else "")
    items = []
    for post in posts:
        cats = "".join(
            f"\n\t\t<category><![CDATA[{site.categories[c]}]]></category>"
            for c in post["categories"]
        )
        items.append(
            f"\t<item>\n\t\t<title>{texturize(post['title'])}</title>\n"
            f"\t\t<link>{base}/{post['slug']}/</link>\n"
            f"\t\t<dc:creator><![CDATA[{site.authors[post['author']][0]}]]></dc:creator>\n"
            f"\t\t<pubDate>{rfc822(post['date_gmt'])}</pubDate>{cats}\n"
            f'\t\t<guid isPermaLink="false">{base}/?p={post["id"]}</guid>\n\n'
            f"\t\t\t\t\t<description><![CDATA[{excerpt(post)}]]></description>\n"
            f"\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[{post['content']}]]>"
            "</content:encoded>\n\t\t\t\t\t\n\t\t\n\t\t\n\t\t\t</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n<channel>\n'
        f"\t<title>{site.short}</title>\n"
        f'\t<atom:link href="{self_url}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{base}</link>\n"
        f"\t<description>{site.name_html}</description>\n"
        f"\t<lastBuildDate>{rfc822(site.posts[0]['modified_gmt'])}</lastBuildDate>\n"
        "\t<language>en-US</language>\n\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        "\t<generator>https://wordpress.org/?v=6.7.1</generator>\n"
        + "\n".join(items)
        + "\n\t</channel>\n</rss>\n"
    )


def wp_home(site: WPSite) -> str:
    base = site.url
    cards = "".join(
        f'<article class="post-{p["id"]} post type-post"><h2 class="entry-title"><a href="/'
        f'{p["slug"]}/">{texturize(p["title"])}</a></h2><div class="entry-summary"><p>'
        f"{excerpt(p)}</p></div></article>"
        for p in site.posts[:6]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        f"<title>{site.short} - {site.name_html}</title>\n"
        f'<link rel="canonical" href="{base}/" />\n<meta property="og:type" content="website" />\n'
        f'<link rel="alternate" type="application/rss+xml" title="{site.short} &raquo; Feed" '
        f'href="{base}/feed/" />\n<link rel="https://api.w.org/" href="{base}/wp-json/" />\n'
        '<meta name="generator" content="WordPress 6.7.1" />\n</head>\n'
        f'<body class="home blog">\n<div id="page" class="site">\n{site.header}\n'
        '<main id="primary" class="site-main"><h1 class="page-title">Latest news</h1>'
        f"{cards}</main>\n</div>\n{site.footer}"
    )


def wp_urlset(site: WPSite, rows: list[tuple[str, str]]) -> str:
    urls = "\n".join(f"\t<url>\n\t\t<loc>{u}</loc>\n\t\t<lastmod>{m}</lastmod>\n\t</url>" for u, m in rows)
    host = site.url.split("://", 1)[1]
    return (
        '<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" '
        f'href="//{host}/main-sitemap.xsl"?>\n<urlset xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
        'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/'
        'schemas/sitemap/0.9/sitemap.xsd http://www.google.com/schemas/sitemap-image/1.1 '
        'http://www.google.com/schemas/sitemap-image/1.1/sitemap-image.xsd" '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
        "<!-- XML Sitemap generated by Yoast SEO -->"
    )


# The answer of a security plugin (e.g. "Disable REST API") to anonymous REST requests.
REST_FORBIDDEN = {
    "code": "rest_forbidden",
    "message": "Sorry, you are not allowed to do that.",
    "data": {"status": 401},
}


def build_wordpress(site: WPSite) -> None:
    """Every file of one WordPress site: posts, pages, homepage, paged feed, Yoast sitemaps,
    robots.txt, the REST API's data (or its 401 when blocked) and ``_site.json``."""
    sid, base, posts = site.id, site.url, site.posts
    last_modified: dict[str, str] = {}
    for post in posts:
        name = f"{post['slug']}/index.html"
        write(sid, name, wp_page(site, post, article=True))
        last_modified[name] = post["modified_gmt"] + "Z"
    for page in site.pages:
        name = f"{page['slug']}/index.html"
        write(sid, name, wp_page(site, page, article=False))
        last_modified[name] = page["modified_gmt"] + "Z"
    write(sid, "index.html", wp_home(site))
    feed_pages = [posts[i : i + 10] for i in range(0, len(posts), 10)]
    feed_files = {"1": "feed/index.xml"}
    write(sid, "feed/index.xml", wp_feed(site, feed_pages[0], 1))
    for number, chunk in enumerate(feed_pages[1:], 2):
        feed_files[str(number)] = f"_query/feed-paged-{number}.xml"
        write(sid, feed_files[str(number)], wp_feed(site, chunk, number))
    if site.rest_blocked:
        forbidden = json.dumps(REST_FORBIDDEN, separators=(",", ":"))
        write(sid, "_rest_forbidden.json", forbidden)
        rest = {}
        fixed = {
            path: {"status": 401, "file": "_rest_forbidden.json"}
            for path in ("/wp-json/", "/wp-json/wp/v2/posts", "/wp-json/wp/v2/pages")
        }
    else:
        data = [wp_rest_post(site, p) for p in posts]
        write(sid, "_posts.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        rest = {
            "wp_rest": {
                "path": "/wp-json/wp/v2/posts",
                "public": f"{base}/wp-json/wp/v2/posts",
                "data": "_posts.json",
            }
        }
        fixed = {}
    write(
        sid,
        "robots.txt",
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {base}/sitemap_index.xml\n",
    )
    newest = posts[0]["modified_gmt"] + "+00:00"
    post_rows = [(f"{base}/{p['slug']}/", p["modified_gmt"] + "+00:00") for p in posts]
    write(sid, "post-sitemap.xml", wp_urlset(site, post_rows))
    page_rows = [(f"{base}/{p['slug']}/", p["modified_gmt"] + "+00:00") for p in site.pages]
    write(sid, "page-sitemap.xml", wp_urlset(site, [(f"{base}/", newest), *page_rows]))
    host = base.split("://", 1)[1]
    write(
        sid,
        "sitemap_index.xml",
        '<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" '
        f'href="//{host}/main-sitemap.xsl"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
        'schemas/sitemap/0.9">\n'
        f"\t<sitemap>\n\t\t<loc>{base}/post-sitemap.xml</loc>\n\t\t<lastmod>{newest}</lastmod>\n"
        f"\t</sitemap>\n\t<sitemap>\n\t\t<loc>{base}/page-sitemap.xml</loc>\n\t\t<lastmod>{newest}"
        "</lastmod>\n\t</sitemap>\n</sitemapindex>\n<!-- XML Sitemap Index generated by Yoast SEO -->",
    )
    feed_type = "application/rss+xml"
    manifest = {
        "platform": "wordpress",
        "modified": posts[0]["modified_gmt"] + "Z",
        "last_modified": last_modified,
        "types": {name: feed_type for name in feed_files.values()},
        "query_routes": {"/feed/": {"paged": feed_files}},
        **rest,
        "server": "nginx",
        "html_headers": {"Link": f'<{base}/wp-json/>; rel="https://api.w.org/"'},
    }
    if fixed:
        manifest["fixed"] = fixed
    write_manifest(sid, manifest)


# ---------------------------------------------------------------------------------------------
# IFMSA (WordPress 6.7.1 + Yoast SEO); the site's clock is UTC+1
# ---------------------------------------------------------------------------------------------

IFMSA_URL = "https://ifmsa.org"
IFMSA_CATEGORIES = {
    1: "News",
    18: "External Affairs",
    22: "Partnerships",
    31: "Statements",
    27: "Exchanges",
    45: "SCOPH",
    52: "General Assembly",
    60: "SCORA",
    64: "Capacity Building",
}
IFMSA_AUTHORS = {7: ("IFMSA Communications", "ifmsa-comms"), 15: ("IFMSA Team of Officials", "to")}
ABOUT_IFMSA_HTML = f"<h3>About IFMSA</h3>\n<p>{escape(ABOUT_IFMSA, quote=False)}</p>"


def paras(*texts: str) -> str:
    return "\n\n".join(f"<p>{t}</p>" for t in texts)


# id, slug, title (plain; texturized for output), date_gmt, modified_gmt, author, categories,
# content (HTML). Newest first. The first is the partnership announcement (same title as
# DTH-Lab's); the 2024 call for Regional Youth Champions is a different story from DTH-Lab's
# 2025-2026 call.
IFMSA_POSTS: list[dict] = [
    {
        "id": 31874,
        "slug": "dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf",
        "title": ANNOUNCEMENT_TITLE,
        "date_gmt": "2026-01-22T09:15:00",
        "modified_gmt": "2026-01-22T09:40:12",
        "author": 7,
        "categories": [1, 18, 22],
        "content": paras(
            "IFMSA is proud to announce a strategic partnership with Digital Transformations for "
            "Health Lab (DTH-Lab), formalising five years of collaboration on youth engagement "
            "in digital health. The partnership, announced together with the International "
            "Pharmaceutical Students’ Federation (IPSF), will support medical students worldwide "
            "through learning activities on digital, health and civic literacy.",
            "Since 2020, IFMSA members have taken part in DTH-Lab’s intergenerational dialogues "
            "and regional consultations, and IFMSA co-authored the Youth Statement and Call for "
            "Action on digital health literacy, skills and governance.",
            "“This strategic partnership with DTH-Lab will support medical students worldwide to "
            "build the digital, civic and leadership skills needed to meaningfully engage in "
            "health policy and health systems transformation,” said Kana Halić Kordić, IFMSA VP "
            "for External Affairs.",
            "Under the partnership, IFMSA and DTH-Lab will work together at the World Health "
            "Assembly and at IFMSA General Assemblies, and IFMSA members will contribute to "
            "DTH-Lab’s forthcoming framework for Digitally-Enabled Health Systems.",
        )
        + "\n\n"
        + ABOUT_IFMSA_HTML
        + "\n\n"
        + paras(
            f'Read DTH-Lab’s announcement: <a href="{DTH}/articles/{slugify(ANNOUNCEMENT_TITLE)}">'
            "dthlab.org</a>"
        ),
    },
    {
        "id": 31602,
        "slug": "world-aids-day-2025",
        "title": "World AIDS Day 2025: IFMSA's call to end inequalities",
        "date_gmt": "2025-12-01T08:00:00",
        "modified_gmt": "2025-12-01T08:00:00",
        "author": 7,
        "categories": [1, 60],
        "content": paras(
            "On World AIDS Day, IFMSA stands with people living with HIV and calls on "
            "governments to close the gaps in prevention, testing and treatment that still leave "
            "young people, women and key populations behind.",
            "Medical students in more than 60 countries are organising testing campaigns, "
            "stigma-free care workshops and peer education this week. We urge decision-makers "
            "to protect funding for the HIV response and to put human rights at its centre.",
        ),
    },
    {
        "id": 31540,
        "slug": "world-amr-awareness-week-2025-use-them-wisely",
        "title": 'World AMR Awareness Week 2025: SCOPH campaign "Use Them Wisely"',
        "date_gmt": "2025-11-18T10:30:00",
        "modified_gmt": "2025-11-19T07:12:44",
        "author": 7,
        "categories": [1, 45],
        "content": paras(
            "This World Antimicrobial Resistance Awareness Week, IFMSA’s Standing Committee on "
            "Public Health launches “Use Them Wisely”, a campaign that equips medical students to "
            "talk with patients and peers about the responsible use of antibiotics.",
            "The campaign toolkit includes a session plan for local committees, social media "
            "materials in six languages and a short guide to One Health approaches to "
            "antimicrobial resistance.",
        ),
    },
    {
        "id": 31288,
        "slug": "outcomes-of-the-ifmsa-august-meeting-2025",
        "title": "Outcomes of the IFMSA August Meeting 2025",
        "date_gmt": "2025-09-03T12:00:00",
        "modified_gmt": "2025-09-03T12:00:00",
        "author": 15,
        "categories": [1, 52],
        "content": paras(
            "Delegates from National Member Organisations around the world gathered for the "
            "IFMSA August Meeting 2025. Over five days the General Assembly adopted new policy "
            "documents on digital health, climate and health, and universal health coverage, "
            "and welcomed new members to the Federation.",
            "Thank you to the organising committee and to every delegate who made the meeting "
            "possible. The adopted policies are available in the IFMSA policy library.",
        ),
    },
    {
        "id": 30911,
        "slug": "ifmsa-statement-at-the-78th-world-health-assembly",
        "title": "IFMSA Statement at the 78th World Health Assembly",
        "date_gmt": "2025-05-26T14:20:00",
        "modified_gmt": "2025-05-27T09:02:10",
        "author": 7,
        "categories": [31, 18],
        "content": paras(
            "IFMSA delivered statements at the 78th World Health Assembly in Geneva on the health "
            "workforce, antimicrobial resistance and digital health. We called on Member States "
            "to invest in the education and decent employment of the future health workforce "
            "and to involve young people meaningfully in the decisions that shape it.",
        ),
    },
    {
        "id": 30790,
        "slug": "world-health-day-2025",
        "title": "World Health Day 2025: Healthy beginnings, hopeful futures",
        "date_gmt": "2025-04-07T07:00:00",
        "modified_gmt": "2025-04-07T07:00:00",
        "author": 7,
        "categories": [1, 45],
        "content": paras(
            "This World Health Day, IFMSA joins WHO’s year-long campaign on maternal and newborn "
            "health. Medical students will run awareness activities on safe pregnancy, "
            "childbirth and postnatal care, and advocate for health systems that leave no "
            "mother or baby behind.",
        ),
    },
    {
        "id": 30544,
        "slug": "applications-open-professional-and-research-exchanges-2025-2026",
        "title": "Applications open: Professional and Research Exchanges 2025-2026",
        "date_gmt": "2025-02-12T11:00:00",
        "modified_gmt": "2025-02-14T16:45:31",
        "author": 15,
        "categories": [1, 27],
        "content": paras(
            "Every year, thousands of medical students take part in IFMSA’s clinical and "
            "research exchanges. Applications for the 2025-2026 exchange cycle are now open "
            "through National Member Organisations: contact your local exchange officer to learn "
            "about places, deadlines and requirements.",
        ),
    },
    {
        "id": 30210,
        "slug": "world-aids-day-2024-take-the-rights-path",
        "title": "World AIDS Day 2024: Take the rights path",
        "date_gmt": "2024-12-01T08:00:00",
        "modified_gmt": "2024-12-01T08:00:00",
        "author": 7,
        "categories": [1, 60],
        "content": paras(
            "Under this year’s theme, “Take the rights path”, IFMSA calls for an HIV response "
            "grounded in human rights, with comprehensive sexuality education, access to PrEP "
            "and an end to laws that criminalise the communities most affected.",
        ),
    },
    {
        "id": 30102,
        "slug": "ifmsa-at-cop29",
        "title": "IFMSA at COP29: health must be at the heart of climate action",
        "date_gmt": "2024-11-08T09:45:00",
        "modified_gmt": "2024-11-08T09:45:00",
        "author": 7,
        "categories": [1, 18, 31],
        "content": paras(
            "An IFMSA delegation joins the UN Climate Change Conference COP29 to call for "
            "climate-resilient health systems, a just transition away from fossil fuels and "
            "climate finance that protects health.",
            "Follow our delegates’ daily updates on our social media channels.",
        ),
    },
    {
        "id": 29877,
        "slug": "outcomes-of-the-ifmsa-august-meeting-2024",
        "title": "Outcomes of the IFMSA August Meeting 2024",
        "date_gmt": "2024-09-02T12:00:00",
        "modified_gmt": "2024-09-02T12:00:00",
        "author": 15,
        "categories": [1, 52],
        "content": paras(
            "The IFMSA August Meeting 2024 brought together delegates from around the world for "
            "training, policy debate and the election of the next Team of Officials. The General "
            "Assembly adopted policies on mental health, migration and health, and medical "
            "education.",
        ),
    },
    {
        "id": 29715,
        "slug": "call-for-applications-regional-youth-champions-cohort-2024-2025",
        "title": "Call for Applications: Regional Youth Champions - Cohort 2024-2025",
        "date_gmt": "2024-07-16T10:00:00",
        "modified_gmt": "2024-07-16T10:00:00",
        "author": 7,
        "categories": [1, 22, 64],
        "content": paras(
            "Our partner Digital Transformations for Health Lab (DTH-Lab) is looking for its "
            "2024-2025 cohort of Regional Youth Champions, and IFMSA members are warmly "
            "encouraged to apply. Champions lead youth consultations on digital health in their "
            "region and represent young people at regional and global meetings.",
            "Applicants should be 18 to 30 years old and committed to digital health equity. "
            "Applications close on 11 August 2024.",
        ),
    },
    {
        "id": 29540,
        "slug": "ifmsa-at-the-77th-world-health-assembly",
        "title": "IFMSA at the 77th World Health Assembly",
        "date_gmt": "2024-05-31T15:10:00",
        "modified_gmt": "2024-06-03T08:30:00",
        "author": 7,
        "categories": [31, 18],
        "content": paras(
            "IFMSA’s delegation to the 77th World Health Assembly followed negotiations on the "
            "pandemic agreement and the amendments to the International Health Regulations, and "
            "delivered statements on climate change and health, and on the health workforce.",
        ),
    },
]

IFMSA_ABOUT_PAGE = {
    "id": 112,
    "slug": "about-ifmsa",
    "title": "About IFMSA",
    "date_gmt": "2016-03-10T13:25:00",
    "modified_gmt": "2023-03-14T10:05:27",
}
# Seed 002, verbatim.
IFMSA_ABOUT_TEXT = [
    "The International Federation of Medical Students Associations (IFMSA) was founded in 1951 "
    "as an organization of the medical students, for the medical students, and by the medical "
    "students. For more than 60 years, IFMSA was led and run by medical students worldwide. The "
    "Federation has not only been a dynamic platform of opportunities for the future physicians "
    "but has also served as their voice at the international level.",
    "IFMSA is the worlds oldest and largest independent organization representing associations "
    "of medical students internationally. It currently maintains 124 National Member "
    "Organizations from more than 115 countries across six continents with over one million "
    "students represented worldwide. IFMSA is recognized as a non-governmental organization "
    "within the United Nations system and the World Health Organization and as well, it works "
    "with the World Medical Association.",
    "IFMSA was created to impact the world and to empower its members in taking their vision "
    "and ideas, and making them a reality. IFMSA has inspired generations of medical students "
    "to develop the leadership abilities and skills to take on challenges and to improve the "
    "world around them in an early yet crucial period of their career. Engaging in IFMSA "
    "encourages both professional and personal collaborations irrespective of geographical, "
    "social, cultural, religious, racial, sexual and political differences. As a result, future "
    "doctors are becoming more culturally aware and sensitive physicians.",
    "The IFMSA experience shows students that they are not merely passive subjects in a rapidly "
    "globalizing world but rather valuable individuals with a potentially powerful role to play "
    "in global health. IFMSA hence offers medical students a taste of the real and pressing "
    "health issues worldwide, and help them learn that their idealistic goals can be achieved "
    "with readily attainable knowledge and commitment.",
    "In IFMSA, the emphasis is placed on students returning to their local environments with "
    "new ideas and the skills to implement them. As the doctors of tomorrow and future leaders "
    "of health, we feel confident that our students will carry this spirit with them throughout "
    "their professional lives so that they positively impact the communities they serve.",
]
IFMSA_OBJECTIVES = [
    "To expose medical students to humanitarian and global health issues, providing them with "
    "the opportunity to educate themselves and their peers;",
    "To facilitate partnerships between the medical student community and international "
    "organizations working on health, education and medicine;",
    "To give medical students the opportunity to take part in clinical and research exchanges "
    "worldwide;",
    "To provide a network that links active medical students across the globe, including "
    "student leaders, project managers and activists, so that they can learn from and be "
    "motivated by each other;",
    "To provide an international framework in which medical student projects can be "
    "initiated, developed and implemented;",
    "To empower and train medical students to take a role in bringing about the necessary "
    "changes to improve the health of all global citizens.",
]
IFMSA_WHSA = (
    "In 2015, a Memorandum of Understanding (MoU) was signed between the World Health Students’ "
    "Alliance (WHSA), which consists of The International Association of Dental Students (IADS), "
    "The International Federation of Medical Students’ Associations (IFMSA), The International "
    "Pharmaceutical Students’ Federation (IPSF), and The International Veterinary Student "
    "Association (IVSA). This MoU defines the framework and commitment to joint advocacy of "
    "health related matters on behalf of healthcare students worldwide. Since then, we have "
    "been working together on various projects and events related to One Health."
)


IFMSA_HEADER = """<header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home" class="custom-logo-link"><img src="https://ifmsa.org/wp-content/uploads/2020/05/ifmsa-logo.png" class="custom-logo" alt="IFMSA" /></a></div><nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="/about-ifmsa/">About</a></li><li class="menu-item"><a href="/our-structure/">Our structure</a></li><li class="menu-item"><a href="/our-members/">Our members</a></li><li class="menu-item"><a href="/leadership/">Leadership</a></li><li class="menu-item current-menu-item"><a href="/news/">News</a></li></ul></nav></header>"""
IFMSA_FOOTER = """<footer id="colophon" class="site-footer"><div class="footer-widgets"><section class="widget widget_text"><h2 class="widget-title">IFMSA General Secretariat</h2><div class="textwidget"><p>International Federation of Medical Students&#8217; Associations</p></div></section></div><div class="site-info">&copy; IFMSA. All rights reserved.</div></footer>
<script src="https://ifmsa.org/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</body>
</html>
"""
IFMSA_LOGO = f"{IFMSA_URL}/wp-content/uploads/2020/05/ifmsa-logo.png"
IFMSA_ABOUT_PAGE["description"] = (
    "The International Federation of Medical Students Associations (IFMSA) was founded in 1951 "
    "as an organization of the medical students, for the medical students."
)
IFMSA_ABOUT_PAGE["header"] = (
    f'<figure class="wp-block-image"><img decoding="async" src="{IFMSA_LOGO}" alt="IFMSA logo" />'
    '</figure><h1 class="entry-title">The International Federation of Medical Students '
    "Associations (IFMSA)</h1>"
)
IFMSA_ABOUT_PAGE["content"] = (
    "\n\n".join(f"<p>{escape(p, quote=False)}</p>" for p in IFMSA_ABOUT_TEXT)
    + '\n\n<ul class="wp-block-list">\n'
    + "\n".join(f"<li>{escape(o, quote=False)}</li>" for o in IFMSA_OBJECTIVES)
    + f"\n</ul>\n\n<p>{escape(IFMSA_WHSA, quote=False)}</p>\n\n"
    f'<p><a href="{IFMSA_URL}/">Website of The International Federation of Medical Students’ '
    "Associations (IFMSA)</a></p>"
)
IFMSA = WPSite(
    id="ifmsa",
    url=IFMSA_URL,
    short="IFMSA",
    name="International Federation of Medical Students' Associations",
    utc_offset=1,
    categories=IFMSA_CATEGORIES,
    authors=IFMSA_AUTHORS,
    posts=IFMSA_POSTS,
    pages=[IFMSA_ABOUT_PAGE],
    logo=IFMSA_LOGO,
    same_as=[
        "https://www.facebook.com/ifmsa",
        "https://x.com/ifmsa",
        "https://www.instagram.com/ifmsa/",
        "https://www.linkedin.com/company/ifmsa",
        "https://www.youtube.com/user/IFMSAvideos",
    ],
    twitter="@ifmsa",
    theme_css="<link rel='stylesheet' id='ifmsa-style-css' href='https://ifmsa.org/wp-content/"
    "themes/ifmsa/style.css?ver=2.4.0' media='all' />",
    header=IFMSA_HEADER,
    footer=IFMSA_FOOTER,
    widget='<section id="custom_html-3" class="widget_text widget widget_custom_html"><h2 '
    'class="widget-title">Enquire now</h2><div class="textwidget custom-html-widget"><p>Give us '
    'a call on +45 0000 0000 or write to <a href="mailto:gs@ifmsa.org">gs@ifmsa.org</a>.</p><p>'
    '<a class="button" href="/contact/">Contact us</a></p></div></section>',
)


# ---------------------------------------------------------------------------------------------
# IVSA (WordPress 6.7.1 + Yoast SEO, site clock UTC) -- its REST API is blocked by a security
# plugin (401 rest_forbidden), so the spider must fall back to /feed/. SITES.md gives the
# post /covid-19-ivsa-announcement/, the pages /faq/ and /about-us/exco/, the mission "To
# benefit the animals and people of the world" and the founding year 1953; everything else
# here is written filler (the member and country counts included).
# ---------------------------------------------------------------------------------------------

IVSA_URL = "https://www.ivsa.org"
IVSA_CATEGORIES = {1: "News", 6: "Statements", 9: "One Health", 12: "Announcements", 14: "Events"}
IVSA_AUTHORS = {2: ("IVSA Communications", "ivsa-comms"), 5: ("IVSA Executive Committee", "exco")}
IVSA_ABOUT = (
    "The International Veterinary Students’ Association (IVSA) is a non-profit, non-political "
    "organisation of veterinary students. IVSA was founded in 1953 and is run by veterinary "
    "students, for veterinary students. IVSA represents more than 40,000 veterinary students "
    "in over 70 countries through its Member Organisations. IVSA is a member of the World "
    "Health Students’ Alliance (WHSA) together with IADS, IFMSA and IPSF."
)
IVSA_ABOUT_HTML = f"<h3>About IVSA</h3>\n<p>{escape(IVSA_ABOUT, quote=False)}</p>"
IVSA_POSTS: list[dict] = [
    {
        "id": 8841,
        "slug": "one-health-day-2025-joint-statement-of-the-world-health-students-alliance",
        "title": "One Health Day 2025: joint statement of the World Health Students' Alliance",
        "date_gmt": "2025-11-03T09:00:00",
        "modified_gmt": "2025-11-04T14:22:05",
        "author": 5,
        "categories": [6, 9],
        "content": paras(
            "On One Health Day, the four members of the World Health Students’ Alliance (WHSA) "
            "speak with one voice: the International Association of Dental Students (IADS), the "
            "International Federation of Medical Students’ Associations (IFMSA), the "
            "International Pharmaceutical Students’ Federation (IPSF) and the International "
            "Veterinary Students’ Association (IVSA).",
            "The health of people, animals and the environment is one. Antimicrobial resistance, "
            "zoonotic diseases and climate change do not respect the borders between our "
            "professions, and neither should the education of the students who will face them.",
            "We call on universities to teach One Health across dental, medical, pharmacy and "
            "veterinary curricula, and on governments to involve students of every health "
            "profession when they prepare for the next pandemic.",
        )
        + "\n\n"
        + IVSA_ABOUT_HTML,
    },
    {
        "id": 8712,
        "slug": "world-rabies-day-2025",
        "title": "World Rabies Day 2025: veterinary students on the front line",
        "date_gmt": "2025-09-28T07:30:00",
        "modified_gmt": "2025-09-28T07:30:00",
        "author": 2,
        "categories": [1, 9],
        "content": paras(
            "Rabies still kills tens of thousands of people every year, almost all of them "
            "bitten by dogs. Vaccinating dogs is the surest way to protect people.",
            "For World Rabies Day, IVSA Member Organisations held vaccination drives and "
            "school talks on bite prevention. Thank you to every student who took part.",
        ),
    },
    {
        "id": 8530,
        "slug": "looking-back-at-the-ivsa-symposium-2025",
        "title": "Looking back at the IVSA Symposium 2025",
        "date_gmt": "2025-08-05T12:00:00",
        "modified_gmt": "2025-08-06T08:15:40",
        "author": 5,
        "categories": [1, 14],
        "content": paras(
            "Two weeks of lectures, wet labs and field visits, and a General Assembly that "
            "elected the new Executive Committee: the Symposium brought veterinary students "
            "from every region together once again.",
            "The General Assembly also adopted a policy on animal welfare in veterinary "
            "education. The minutes are available to Member Organisations.",
        ),
    },
    {
        "id": 8301,
        "slug": "world-veterinary-day-2025",
        "title": "World Veterinary Day 2025",
        "date_gmt": "2025-04-26T08:00:00",
        "modified_gmt": "2025-04-26T08:00:00",
        "author": 2,
        "categories": [1],
        "content": paras(
            "Today we celebrate the veterinarians who care for animals and, through them, for "
            "people. Veterinary teams work with farmers, physicians and public health "
            "authorities every day.",
        ),
    },
    {
        "id": 4127,
        "slug": "covid-19-ivsa-announcement",
        "title": "COVID-19: IVSA announcement",
        "date_gmt": "2020-03-16T18:45:00",
        "modified_gmt": "2020-03-17T09:10:00",
        "author": 5,
        "categories": [12],
        "content": paras(
            "Because of the COVID-19 pandemic, the Executive Committee has decided to postpone "
            "all IVSA exchanges and events planned until the end of May 2020.",
            "Please follow the advice of your national health authorities. We will keep Member "
            "Organisations informed as the situation changes.",
        ),
    },
]
IVSA_FAQ_ANSWERS = [
    ("What is IVSA?", IVSA_ABOUT.split(" IVSA represents")[0]),
    (
        "What is IVSA’s mission?",
        "To benefit the animals and people of the world by harnessing the potential and "
        "enthusiasm of veterinary students to promote the international application of "
        "veterinary skills, education and knowledge.",
    ),
    (
        "How many students does IVSA represent?",
        "IVSA represents more than 40,000 veterinary students in over 70 countries through its "
        "Member Organisations.",
    ),
    (
        "Does IVSA work with other health students?",
        "Yes. IVSA is a member of the World Health Students’ Alliance (WHSA) together with "
        "IADS, IFMSA and IPSF, and works with them on One Health.",
    ),
    (
        "How can I join?",
        "Veterinary students join IVSA through the Member Organisation at their school. Where "
        "there is none yet, write to the Executive Committee to start one.",
    ),
]
IVSA_PAGES = [
    {
        "id": 215,
        "slug": "faq",
        "title": "FAQ",
        "date_gmt": "2019-05-02T10:00:00",
        "modified_gmt": "2025-06-18T11:30:00",
        "description": "Frequently asked questions about the International Veterinary Students"
        "&#8217; Association (IVSA).",
        "header": '<h1 class="entry-title">FAQ</h1>',
        "content": "\n\n".join(
            f'<h3 class="wp-block-heading">{escape(q, quote=False)}</h3>\n'
            f"<p>{escape(a, quote=False)}</p>"
            for q, a in IVSA_FAQ_ANSWERS
        ),
    },
    {
        "id": 180,
        "slug": "about-us",
        "title": "About us",
        "date_gmt": "2019-05-02T09:30:00",
        "modified_gmt": "2024-09-10T16:05:00",
        "description": "About the International Veterinary Students&#8217; Association (IVSA).",
        "header": '<h1 class="entry-title">About us</h1>',
        "content": paras(
            "The International Veterinary Students’ Association (IVSA) connects veterinary "
            "students across the world through exchanges, congresses and symposia, and speaks "
            "for them in international organisations.",
            "IVSA is run by volunteers: its Executive Committee is elected every year by the "
            'General Assembly. <a href="/about-us/exco/">Meet the Executive Committee</a> or read '
            'the <a href="/faq/">frequently asked questions</a>.',
        ),
    },
]
IVSA = WPSite(
    id="ivsa",
    url=IVSA_URL,
    short="IVSA",
    name="International Veterinary Students' Association",
    utc_offset=0,
    categories=IVSA_CATEGORIES,
    authors=IVSA_AUTHORS,
    posts=IVSA_POSTS,
    pages=IVSA_PAGES,
    logo=f"{IVSA_URL}/wp-content/uploads/2021/03/ivsa-logo.png",
    same_as=[
        "https://www.facebook.com/IVSAinternational",
        "https://www.instagram.com/ivsa_international/",
        "https://www.linkedin.com/company/ivsa",
    ],
    twitter="@IVSA_org",
    theme_css="<link rel='stylesheet' id='astra-theme-css-css' href='https://www.ivsa.org/"
    "wp-content/themes/astra/assets/css/minified/main.min.css?ver=4.8.9' media='all' />",
    header='<header id="masthead" class="site-header"><div class="site-branding"><a href="/" '
    f'rel="home" class="custom-logo-link"><img src="{IVSA_URL}/wp-content/uploads/2021/03/'
    'ivsa-logo.png" class="custom-logo" alt="IVSA" /></a></div><nav id="site-navigation" '
    'class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a '
    'href="/about-us/">About us</a></li><li class="menu-item"><a href="/about-us/exco/">ExCo'
    '</a></li><li class="menu-item"><a href="/faq/">FAQ</a></li><li class="menu-item '
    'current-menu-item"><a href="/news/">News</a></li></ul></nav></header>',
    footer='<footer id="colophon" class="site-footer"><div class="site-info">&copy; '
    "International Veterinary Students&#8217; Association. All rights reserved.</div></footer>\n"
    f'<script src="{IVSA_URL}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" '
    'id="jquery-core-js"></script>\n</body>\n</html>\n',
    widget='<section id="block-4" class="widget widget_block"><h2 class="widget-title">'
    'Newsletter</h2><p>Get IVSA news in your inbox. <a class="button" href="/newsletter/">'
    "Subscribe</a></p></section>",
    rest_blocked=True,
)


# ---------------------------------------------------------------------------------------------
# IPSF (Drupal 10, Olivero theme, multilingual; site clock Europe/Amsterdam)
# ---------------------------------------------------------------------------------------------

DR = "https://www.ipsf.org"
DR_ZONE = ZoneInfo("Europe/Amsterdam")
ABOUT_IPSF_HTML = f"<h3>About IPSF</h3>\n<p>{escape(ABOUT_IPSF, quote=False)}</p>"
ES_DAYS = {"Mon": "Lun", "Tue": "Mar", "Wed": "Mié", "Thu": "Jue", "Fri": "Vie", "Sat": "Sáb",
           "Sun": "Dom"}

# nid, slug, title, created (UTC), author, body HTML. Newest first.
IPSF_NODES: list[dict] = [
    {
        "nid": 412,
        "slug": "dth-lab-announces-strategic-partnerships-ifmsa-and-ipsf",
        "title": "DTH-Lab Announces Strategic Partnerships with IFMSA and IPSF to Strengthen the "
        "Future Health Workforce",
        "created": "2026-01-23T15:40:00",
        "author": "IPSF External Relations",
        "body": "\n".join(
            f"<p>{t}</p>"
            for t in [
                "The International Pharmaceutical Students’ Federation (IPSF) is pleased to share "
                "that Digital Transformations for Health Lab (DTH-Lab) has announced strategic "
                "partnerships with IPSF and the International Federation of Medical Students’ "
                "Associations (IFMSA), formalising five years of collaboration on youth-centred "
                "digital health.",
                "Through the partnership, DTH-Lab will support IPSF members with learning "
                "activities that promote digital, health and civic literacy, and pharmacy "
                "students will help shape DTH-Lab’s forthcoming framework for "
                "Digitally-Enabled Health Systems.",
                "“This  synergistic partnership with DTH-Lab will continue to strengthen the role "
                "of pharmacy students and young professionals in shaping inclusive digital "
                "health systems and policies through education, training and  intergenerational "
                "collaboration to develop leaders, changemakers and advocates for health, and  "
                "for all,” said Julian Ryan Tan Jielong, Chairperson of External Relations, IPSF.",
                "The collaboration will continue at the IPSF World Congress, the World Health "
                "Assembly and regional events, in close cooperation with DTH-Lab’s Regional "
                "Youth Champions.",
            ]
        )
        + "\n"
        + ABOUT_IPSF_HTML,
    },
    {
        "nid": 405,
        "slug": "world-amr-awareness-week-2025",
        "title": "World AMR Awareness Week 2025: pharmacy students act on antimicrobial resistance",
        "created": "2025-11-18T09:00:00",
        "author": "IPSF Public Health",
        "body": "<p>During World Antimicrobial Resistance Awareness Week, IPSF member "
        "organisations run awareness stands, school visits and social media campaigns on the "
        "responsible use of antibiotics. Pharmacy students are often the last health "
        "professionals a patient meets before taking an antibiotic: every conversation "
        "counts.</p>\n<p>Share your activities with the hashtag #IPSFagainstAMR.</p>",
    },
    {
        "nid": 398,
        "slug": "world-pharmacists-day-2025",
        "title": "World Pharmacists Day 2025",
        "created": "2025-09-25T07:30:00",
        "author": "IPSF Media and Publications",
        "body": "<p>On 25 September, IPSF celebrates pharmacists everywhere and the students who "
        "will join them. This year we are highlighting pharmacy students who volunteer in "
        "community health projects, from vaccination campaigns to medication reviews for older "
        "people.</p>",
    },
    {
        "nid": 391,
        "slug": "highlights-ipsf-world-congress-2025",
        "title": "Highlights from the IPSF World Congress 2025",
        "created": "2025-08-14T12:15:00",
        "author": "IPSF Media and Publications",
        "body": "<p>Pharmacy students from around the world met at the IPSF World Congress for "
        "two weeks of education, leadership training and the General Assembly, which adopted "
        "new policy statements and elected the Executive Committee for the coming term.</p>",
    },
    {
        "nid": 377,
        "slug": "ipsf-78th-world-health-assembly",
        "title": "IPSF at the 78th World Health Assembly",
        "created": "2025-05-28T16:05:00",
        "author": "IPSF External Relations",
        "body": "<p>IPSF’s delegation to the 78th World Health Assembly delivered statements on "
        "the health workforce and on antimicrobial resistance, together with our partners in "
        "the World Health Students’ Alliance.</p>",
    },
    {
        "nid": 303,
        "slug": "ipsf-launches-digital-health-working-group",
        "title": "IPSF launches Digital Health Working Group",
        "created": "2024-11-20T10:00:00",
        "author": "IPSF Education",
        "body": "<p>IPSF has launched a Digital Health Working Group to prepare pharmacy students "
        "for digital health: telepharmacy, electronic prescribing, health data and artificial "
        "intelligence. The group will publish a training curriculum and a policy statement "
        "during the year.</p>",
    },
]
IPSF_ES_NODE = 412  # the node also answering at /es/news/<slug> (untranslated)
IPSF_ABOUT = {
    "nid": 4,
    "slug": "about-us",
    "title": "About us",
    "created": "2019-06-11T09:00:00",
    "changed": "2025-03-04T14:22:10",
}
IPSF_ABOUT_BODY = """<p>The International Pharmaceutical Students’ Federation (IPSF) is the leading international advocacy organisation of pharmacy students and recent graduates. Founded in 1949, we bring together students of pharmacy and pharmaceutical sciences to promote improved public health through education, professional development, networking and advocacy.</p>
<p>Today IPSF represents over 600,000 pharmacy students and recent graduates in more than 100 countries, through more than 130 member organisations. Our work is organised in six regions: Africa, the Americas, Asia Pacific, the Eastern Mediterranean, Europe and the Western Pacific.</p>
<p>IPSF is a member of the World Health Students’ Alliance (WHSA) together with the International Association of Dental Students (IADS), the International Federation of Medical Students’ Associations (IFMSA) and the International Veterinary Students’ Association (IVSA).</p>
<h2>IPSF in short</h2>
<ul>
<li>Founded in 1949</li>
<li>Over 600,000 pharmacy students and recent graduates represented</li>
<li>More than 100 countries</li>
<li>More than 130 member organisations</li>
<li>Official relations with the World Health Organization</li>
<li>Non-governmental, non-political and non-religious</li>
</ul>"""


def dr_dates(created: str, lang: str = "en") -> tuple[str, str, datetime]:
    utc = datetime.fromisoformat(created).replace(tzinfo=UTC)
    here = utc.astimezone(DR_ZONE)
    shown = here.strftime("%a, %m/%d/%Y - %H:%M")
    if lang == "es":
        shown = ES_DAYS[shown[:3]] + shown[3:]
    return shown, utc.strftime("%Y-%m-%dT%H:%M:%SZ"), here


DR_UI = {
    "en": {"skip": "Skip to main content", "home": "Home", "news": "News", "about": "About us",
           "by": "By", "menu": "Main navigation", "search": "Search"},
    "es": {"skip": "Pasar al contenido principal", "home": "Inicio", "news": "Noticias",
           "about": "Sobre nosotros", "by": "Por", "menu": "Navegación principal",
           "search": "Buscar"},
}


def dr_page(title: str, path: str, content: str, *, lang: str = "en", nid: int | None = None,
            canonical: str | None = None, body_class: str = "", alternates: bool = False) -> str:
    ui = DR_UI[lang]
    prefix = "/es" if lang == "es" else ""
    links = [f'<link rel="canonical" href="{canonical or DR + path}" />']
    if nid:
        links.append(f'<link rel="shortlink" href="{DR}/node/{nid}" />')
    links.append('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />')
    if alternates:
        links.append(f'<link rel="alternate" hreflang="en" href="{DR}{path}" />')
        links.append(f'<link rel="alternate" hreflang="es" href="{DR}/es{path}" />')
    head = "\n".join(links)
    path_prefix = "es\\/" if lang == "es" else ""
    current = f"node/{nid}" if nid else path.strip("/")
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr" style="--color--primary-hue:202;--color--primary-saturation:79%;--color--primary-lightness:50">
  <head>
    <meta charset="utf-8" />
<meta name="description" content="{escape(title)}" />
{head}
<meta name="MobileOptimized" content="width" />
<meta name="HandheldFriendly" content="true" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="icon" href="/sites/default/files/ipsf_favicon.png" type="image/png" />

    <title>{escape(title)} | IPSF</title>
    <link rel="stylesheet" media="all" href="/sites/default/files/css/css_{hexid('dr-css', n=43)}.css?delta=0&amp;language={lang}&amp;theme=olivero&amp;include=eJxVjEEOwjAMBD8U6ifVbpqUSuuy1vZ6" />
  </head>
  <body class="{body_class}">
        <a href="#main-content" class="visually-hidden focusable skip-link">
      {ui["skip"]}
    </a>
    <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
  <div id="page-wrapper" class="page-wrapper">
  <div id="page">
    <header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
      <div class="site-header__fixable" data-drupal-selector="site-header-fixable">
        <div class="site-header__initial"></div>
        <div id="site-header__inner" class="site-header__inner" data-drupal-selector="site-header-inner">
          <div class="container site-header__inner__container">
<div id="block-olivero-site-branding" class="site-branding block block-system block-system-branding-block">
  <div class="site-branding__inner">
    <a href="{prefix}/" rel="home" class="site-branding__logo"><img src="/sites/default/files/ipsf_logo.png" alt="{ui["home"]}" fetchpriority="high" /></a>
    <div class="site-branding__text"><div class="site-branding__name"><a href="{prefix}/" title="{ui["home"]}" rel="home">IPSF</a></div></div>
  </div>
</div>
<nav  id="block-olivero-main-menu" class="primary-nav block block-menu navigation menu--main" aria-labelledby="block-olivero-main-menu-menu" role="navigation">
  <h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">{ui["menu"]}</h2>
  <ul class="menu primary-nav__menu primary-nav__menu--level-1">
    <li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="{prefix}/about-us" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1" data-drupal-link-system-path="node/4"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">{ui["about"]}</span></a></li>
    <li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="{prefix}/news" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1" data-drupal-link-system-path="news"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">{ui["news"]}</span></a></li>
    <li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/partner/whsa" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">WHSA</span></a></li>
    <li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/faq" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">FAQ</span></a></li>
  </ul>
</nav>
<div class="language-switcher-language-url block block-language" role="navigation"><ul class="links"><li hreflang="en" class="is-active"><a href="{DR}{path if lang == "en" else path[3:]}" class="language-link" hreflang="en">English</a></li><li hreflang="es"><a href="{DR}/es{path if lang == "en" else path[3:]}" class="language-link" hreflang="es">Español</a></li></ul></div>
          </div>
        </div>
      </div>
    </header>
    <div id="main-wrapper" class="layout-main-wrapper layout-container">
      <div id="main" class="layout-main">
        <div class="main-content">
          <a id="main-content" tabindex="-1"></a>
          <div class="region region--content grid-full layout--pass--content-medium" id="content">
<div data-drupal-messages-fallback class="hidden messages-list"></div>
<div id="block-olivero-content" class="block block-system block-system-main-block">
{content}
</div>
          </div>
        </div>
      </div>
    </div>
    <footer class="site-footer">
      <div class="site-footer__inner container">
<div id="block-olivero-powered" class="block block-system block-system-powered-by-block">
  <span>Powered by <a href="https://www.drupal.org">Drupal</a></span>
</div>
<div class="block block-block-content"><p>International Pharmaceutical Students’ Federation, The Hague, The Netherlands</p></div>
      </div>
    </footer>
  </div>
</div>
  </div>
    <script type="application/json" data-drupal-selector="drupal-settings-json">{{"path":{{"baseUrl":"\\/","pathPrefix":"{path_prefix}","currentPath":"{current}","currentPathIsAdmin":false,"isFront":{"true" if path == "/" else "false"},"currentLanguage":"{lang}"}}}}</script>
<script src="/sites/default/files/js/js_{hexid('dr-js', n=43)}.js?scope=footer&amp;delta=0&amp;language={lang}&amp;theme=olivero"></script>
  </body>
</html>
"""


def dr_node(node: dict, lang: str = "en") -> str:
    ui = DR_UI[lang]
    shown, iso, here = dr_dates(node["created"], lang)
    long_title = here.strftime("%A, %B %-d, %Y - %H:%M")
    if lang == "es":
        days = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
        months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre"]
        long_title = (f"{days[here.weekday()]}, {here.day} de {months[here.month - 1]} de "
                      f"{here.year} - {here:%H:%M}")
    path = f"/news/{node['slug']}"
    content = f"""<article data-history-node-id="{node['nid']}" class="node node--type-news node--promoted node--view-mode-full">
  <header class="">
      <h1 class="title page-title">
<span class="field field--name-title field--type-string field--label-hidden">{escape(node['title'])}</span>
</h1>
          <div class="node__meta">
              <span>
          {ui["by"]} <span class="field field--name-uid field--type-entity-reference field--label-hidden"><span>{escape(node['author'])}</span></span>,
        </span>
        <span class="node__date"><span class="field field--name-created field--type-created field--label-hidden"><time datetime="{iso}" title="{long_title}" class="datetime">{shown}</time>
</span></span>
      </div>
      </header>
  <div class="node__content">
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">{node['body']}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above field--tags">
  <h3 class="field__label field--tags__label">Tags</h3>
  <ul class="links field__items field--tags__items"><li class="field--tags__item"><a href="/taxonomy/term/12" hreflang="en">News</a></li></ul>
</div>
  </div>
</article>"""
    page_path = ("/es" if lang == "es" else "") + path
    classes = "path-node page-node-type-news"
    return dr_page(node["title"], page_path, content, lang=lang, nid=node["nid"],
                   canonical=DR + path, body_class=classes,
                   alternates=node["nid"] == IPSF_ES_NODE)


def dr_teaser(node: dict) -> str:
    shown, iso, _ = dr_dates(node["created"])
    summary = plain(node["body"])
    summary = summary if len(summary) < 200 else summary[:197].rsplit(" ", 1)[0] + "…"
    return f"""<div class="views-row"><article data-history-node-id="{node['nid']}" class="node node--type-news node--promoted node--view-mode-teaser teaser">
  <header><h2 class="node__title teaser__title"><a href="/news/{node['slug']}" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">{escape(node['title'])}</span></a></h2>
  <div class="node__meta"><span class="node__date"><span class="field field--name-created field--type-created field--label-hidden"><time datetime="{iso}" class="datetime">{shown}</time></span></span></div></header>
  <div class="node__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>{escape(summary, quote=False)}</p></div>
  <ul class="links inline"><li class="node-readmore"><a href="/news/{node['slug']}" rel="tag" title="{escape(node['title'])}" hreflang="en">Read more<span class="visually-hidden"> about {escape(node['title'])}</span></a></li></ul></div>
</article></div>"""


def dr_listing(page: int, per_page: int = 4) -> str:
    nodes = IPSF_NODES[page * per_page : (page + 1) * per_page]
    last = (len(IPSF_NODES) - 1) // per_page
    items = []
    for number in range(last + 1):
        if number == page:
            items.append('<li class="pager__item pager__item--active">'
                         f'<span class="visually-hidden">Current page</span>{number + 1}</li>')
        else:
            items.append(f'<li class="pager__item"><a href="?page={number}" title="Go to page '
                         f'{number + 1}" class="pager__link"><span class="visually-hidden">Page'
                         f"</span>{number + 1}</a></li>")
    if page > 0:
        items.insert(0, '<li class="pager__item pager__item--control pager__item--previous">'
                     f'<a href="?page={page - 1}" class="pager__link pager__link--control" '
                     'title="Go to previous page" rel="prev"><span class="visually-hidden">'
                     "Previous page</span>‹</a></li>")
    if page < last:
        items.append('<li class="pager__item pager__item--control pager__item--next">'
                     f'<a href="?page={page + 1}" class="pager__link pager__link--control" '
                     'title="Go to next page" rel="next"><span class="visually-hidden">Next page'
                     "</span>›</a></li>")
    content = (
        '<h1 class="title page-title">News</h1>\n<div class="views-element-container">'
        '<div class="view view-news view-id-news view-display-id-page_1 js-view-dom-id-'
        f'{hexid("view-news", n=64)}">\n<div class="view-content">\n'
        + "\n".join(dr_teaser(n) for n in nodes)
        + '\n</div>\n<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
        '<h4 id="pagination-heading" class="visually-hidden">Pagination</h4>'
        f'<ul class="pager__items js-pager__items">{"".join(items)}</ul></nav>\n</div></div>'
    )
    return dr_page("News", "/news", content, body_class="path-news")


def dr_about() -> str:
    node = IPSF_ABOUT
    content = f"""<article data-history-node-id="4" class="node node--type-page node--view-mode-full">
  <header class=""><h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">About us</span></h1></header>
  <div class="node__content">
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">{IPSF_ABOUT_BODY}</div>
  </div>
</article>"""
    return dr_page(node["title"], "/about-us", content, nid=4,
                   body_class="path-node page-node-type-page")


def dr_home() -> str:
    content = ('<h1 class="title page-title visually-hidden">IPSF</h1>\n'
               '<div class="views-element-container"><div class="view view-frontpage">'
               '<div class="view-content">' + "\n".join(dr_teaser(n) for n in IPSF_NODES[:3])
               + '</div><div class="feed-icons"><a href="/rss.xml" class="feed-icon">'
               "Subscribe to IPSF</a></div></div></div>")
    return dr_page("Home", "/", content, body_class="path-frontpage")


def dr_rss() -> str:
    items = []
    for node in IPSF_NODES[:10]:
        _, _, here = dr_dates(node["created"])
        teaser = ('<div class="text-content clearfix field '
                  'field--name-body field--type-text-with-summary field--label-hidden '
                  f'field__item">{node["body"]}</div>\n')
        items.append(
            f"""  <item>
  <title>{escape(node['title'], quote=False)}</title>
  <link>{DR}/news/{node['slug']}</link>
  <description>{escape(teaser, quote=True)}</description>
  <pubDate>{format_datetime(here)}</pubDate>
  <dc:creator>{escape(node['author'])}</dc:creator>
  <guid isPermaLink="false">{node['nid']} at {DR}</guid>
    </item>"""
        )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xml:base="{DR}/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
            f"\n  <channel>\n    <title>IPSF</title>\n    <link>{DR}/</link>\n"
            "    <description></description>\n    <language>en</language>\n"
            f'    <atom:link href="{DR}/rss.xml" rel="self" type="application/rss+xml" />\n'
            + "\n".join(items) + "\n  </channel>\n</rss>\n")


DRUPAL_ROBOTS = """#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google. By telling these "robots" where not to go on your site,
# you save bandwidth and server resources.
#
# This file will be ignored unless it is at the root of your host:
# Used:    http://example.com/robots.txt
# Ignored: http://example.com/site/robots.txt
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/robotstxt.html

User-agent: *
# CSS, JS, Images
Allow: /core/*.css$
Allow: /core/*.css?
Allow: /core/*.js$
Allow: /core/*.js?
Allow: /core/*.gif
Allow: /core/*.jpg
Allow: /core/*.jpeg
Allow: /core/*.png
Allow: /core/*.svg
Allow: /profiles/*.css$
Allow: /profiles/*.css?
Allow: /profiles/*.js$
Allow: /profiles/*.js?
Allow: /profiles/*.gif
Allow: /profiles/*.jpg
Allow: /profiles/*.jpeg
Allow: /profiles/*.png
Allow: /profiles/*.svg
# Directories
Disallow: /core/
Disallow: /profiles/
# Files
Disallow: /README.md
Disallow: /composer/Metapackage/README.txt
Disallow: /composer/Plugin/ProjectMessage/README.md
Disallow: /composer/Plugin/Scaffold/README.md
Disallow: /composer/Plugin/VendorHardening/README.txt
Disallow: /composer/Template/README.txt
Disallow: /modules/README.txt
Disallow: /sites/README.txt
Disallow: /themes/README.txt
Disallow: /web.config
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips
Disallow: /node/add/
Disallow: /search/
Disallow: /user/register
Disallow: /user/password
Disallow: /user/login
Disallow: /user/logout
Disallow: /media/oembed
Disallow: /*/media/oembed
# Paths (no clean URLs)
Disallow: /index.php/admin/
Disallow: /index.php/comment/reply/
Disallow: /index.php/filter/tips
Disallow: /index.php/node/add/
Disallow: /index.php/search/
Disallow: /index.php/user/password
Disallow: /index.php/user/register
Disallow: /index.php/user/login
Disallow: /index.php/user/logout
Disallow: /index.php/media/oembed
Disallow: /index.php/*/media/oembed

Sitemap: https://www.ipsf.org/sitemap.xml
"""


def dr_sitemap() -> str:
    def row(path: str, lastmod: str, *, es: bool = False, priority: str = "0.5") -> str:
        alts = ""
        if es:
            english = path.removeprefix("/es")
            alts = (f'<xhtml:link rel="alternate" hreflang="en" href="{DR}{english}"/>'
                    f'<xhtml:link rel="alternate" hreflang="es" href="{DR}/es{english}"/>')
        return (f"<url><loc>{DR}{path}</loc>{alts}<lastmod>{lastmod}</lastmod>"
                f"<changefreq>weekly</changefreq><priority>{priority}</priority></url>")

    rows = [row("/", dr_dates(IPSF_NODES[0]["created"])[2].isoformat(), priority="1.0")]
    rows.append(row("/about-us", dr_dates(IPSF_ABOUT["changed"])[2].isoformat()))
    rows.append(row("/news", dr_dates(IPSF_NODES[0]["created"])[2].isoformat()))
    for node in IPSF_NODES:
        when = dr_dates(node["created"])[2].isoformat()
        es = node["nid"] == IPSF_ES_NODE
        rows.append(row(f"/news/{node['slug']}", when, es=es))
        if es:
            rows.append(row(f"/es/news/{node['slug']}", when, es=True))
    return ('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" '
            f'href="{DR}/sitemap_generator/default/sitemap.xsl"?>\n<urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">' + "".join(rows) + "</urlset>\n")


def build_ipsf() -> None:
    last_modified: dict[str, str] = {}
    routes: dict[str, str] = {"/node/4": "about-us.html"}
    for node in IPSF_NODES:
        name = f"news/{node['slug']}.html"
        write("ipsf", name, dr_node(node))
        last_modified[name] = node["created"] + "Z"
        routes[f"/node/{node['nid']}"] = name
        if node["nid"] == IPSF_ES_NODE:
            write("ipsf", f"es/{name}", dr_node(node, "es"))
            last_modified[f"es/{name}"] = node["created"] + "Z"
    write("ipsf", "about-us.html", dr_about())
    last_modified["about-us.html"] = IPSF_ABOUT["changed"] + "Z"
    write("ipsf", "news.html", dr_listing(0))
    write("ipsf", "_query/news-page-1.html", dr_listing(1))
    write("ipsf", "index.html", dr_home())
    write("ipsf", "rss.xml", dr_rss())
    write("ipsf", "robots.txt", DRUPAL_ROBOTS)
    write("ipsf", "sitemap.xml", dr_sitemap())
    write_manifest(
        "ipsf",
        {
            "platform": "drupal",
            "modified": IPSF_NODES[0]["created"] + "Z",
            "last_modified": last_modified,
            "routes": routes,
            "types": {"rss.xml": "application/rss+xml"},
            "query_routes": {"/news": {"page": {"0": "news.html", "1": "_query/news-page-1.html"}}},
            "server": "Apache",
            "html_headers": {
                "X-Generator": "Drupal 10 (https://www.drupal.org)",
                "X-Drupal-Cache": "HIT",
                "Content-Language": "en",
            },
        },
    )


def build_iads() -> None:
    """IADS: a React-style single-page application (content and bundle in ``iads_app.py``)."""
    for name, text in iads_app.site_files().items():
        write("iads", name, text)
    write_manifest("iads", iads_app.MANIFEST)


def main() -> None:
    for site in ("dthlab", IFMSA.id, IVSA.id, "ipsf", "iads"):
        shutil.rmtree(HERE / site, ignore_errors=True)
    build_dthlab()
    build_wordpress(IFMSA)
    build_wordpress(IVSA)
    build_ipsf()
    build_iads()


if __name__ == "__main__":
    main()
