"""Write the development corpus: ``python tests/pages/build.py [OUT_DIR]``.

Every page is hand-written here: a ``Spec`` (the article's own title, date, authors, lead
and closing sentences, topic, length and traps) rendered by the template of its CMS/theme,
with boilerplate (navigation, cookie banner, newsletter box, share widget, comments,
related stories, footer) chosen per page. The expected values are written from the spec,
never read back from the HTML. Edit this file, never the generated files; running it
deletes and rewrites every ``<cms>/`` folder.
"""

from __future__ import annotations

import html
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- sentence pools
# Middle paragraphs are drawn (seeded by the page's name) from these; leads, closings
# and titles are written per page in SPECS.
POOLS: dict[str, list[str]] = {
    "health": [
        "Community health workers in the three pilot districts now carry tablets that record every household visit.",
        "The clinics reported a sharp drop in missed vaccination appointments after text reminders were introduced.",
        "Malaria admissions during the rainy season fell for the second consecutive year.",
        "Nurses described the new referral forms as shorter and far easier to complete at the bedside.",
        "Supply chains for essential medicines remain fragile in the northern provinces, where roads flood every spring.",
        "The ministry has committed to publishing quarterly stock-out data for the first time.",
        "Patients travelling more than twenty kilometres to a clinic were twice as likely to abandon treatment.",
        "Mental health services were folded into primary care visits rather than offered in separate buildings.",
        "Local pharmacists were trained to recognise the early signs of antimicrobial resistance.",
        "Out-of-pocket spending still accounts for almost half of what households pay for care.",
        "Women in the programme were offered cervical screening during routine maternal health visits.",
        "The evaluation team interviewed more than four hundred patients across urban and rural sites.",
        "Heat waves last summer pushed emergency admissions to levels not seen since the pandemic.",
        "Hand hygiene compliance on the surgical wards rose from sixty to eighty-seven percent.",
        "Volunteers translated the patient leaflets into five regional languages.",
        "Funding for the second phase depends on the results of an independent cost review.",
        "Researchers cautioned that the gains could be lost if staff turnover continues at its current rate.",
        "Tuberculosis case detection improved once mobile X-ray units began visiting weekly markets.",
    ],
    "students": [
        "Delegates from forty-two national member organisations took part in the general assembly.",
        "The federation's standing committees met in parallel sessions throughout the second day.",
        "Student volunteers ran more than three hundred local activities over the past academic year.",
        "The exchange programme placed nineteen hundred students in hospitals and pharmacies abroad.",
        "A new training track prepares members to brief parliamentarians on health legislation.",
        "Regional coordinators asked for clearer guidance on how projects are reported and funded.",
        "The workshop on advocacy drew participants from every continent except Antarctica.",
        "Members voted to make the sustainability policy binding for all future events.",
        "Alumni of the programme now hold positions in ministries, universities and international agencies.",
        "The call for abstracts for the spring meeting closes at the end of next month.",
        "Small grants of up to two thousand euros will support projects led by first-year students.",
        "The executive board will publish its financial statements before the next assembly.",
        "Participants said the mentoring sessions were the most valuable part of the week.",
        "Several associations reported that rising travel costs kept members from attending in person.",
        "The hybrid format allowed those who could not travel to vote and speak online.",
        "A working group will review the bylaws and report back within six months.",
        "Students organised blood donation drives on thirty campuses during the campaign week.",
        "The joint statement was drafted over three months of online consultations.",
    ],
    "research": [
        "The cohort followed eleven thousand adults for a median of seven years.",
        "Participants who walked at least thirty minutes a day had markedly lower blood pressure at follow-up.",
        "The authors adjusted for age, income, smoking status and body mass index.",
        "Data were collected through household surveys and linked with hospital records.",
        "The effect was strongest among participants over sixty-five.",
        "The study was not designed to establish cause and effect, the researchers noted.",
        "Replication in other settings will be needed before the findings can guide policy.",
        "Samples were analysed at two independent laboratories to rule out measurement error.",
        "The preprint was revised after peer reviewers asked for a sensitivity analysis.",
        "Funding came from a public research council and two charitable foundations.",
        "The team used satellite images to estimate green space around each home.",
        "Missing data were handled with multiple imputation, as described in the appendix.",
        "The trial enrolled patients in six countries between 2021 and 2023.",
        "An open dataset accompanies the paper so other groups can check the analysis.",
        "Qualitative interviews helped explain why uptake differed so much between districts.",
        "The confidence intervals were wide, reflecting the small number of events.",
        "Co-authors from partner universities led the fieldwork in each country.",
        "The next phase will test whether the intervention can be delivered at scale.",
    ],
    "policy": [
        "The resolution calls on member states to publish national action plans within two years.",
        "Civil society groups welcomed the text but said it lacked binding targets.",
        "Negotiators worked late into the night to agree on the financing paragraph.",
        "The proposal would shift a larger share of the budget to prevention.",
        "Several governments pledged to report on progress at next year's assembly.",
        "The commission's report recommends a single registry of health workers.",
        "Critics argue that the plan underestimates the cost of training new staff.",
        "Parliament is expected to vote on the bill before the summer recess.",
        "The consultation received more than two thousand written submissions.",
        "Young people were included in the national delegation for the first time.",
        "The framework links health goals to climate, housing and education policy.",
        "Implementation will be monitored by an independent panel of experts.",
        "The declaration was adopted without a vote after a day of informal talks.",
        "A tax on sugary drinks would raise an estimated forty million a year.",
        "Regional bodies will be asked to align their strategies with the new framework.",
        "The minister said the reforms would be phased in over five years.",
        "Observers noted that similar pledges made a decade ago were never fully funded.",
        "Access to medicines featured prominently in the closing statements.",
    ],
    "fr": [
        "Les délégués ont adopté le texte à une large majorité après deux jours de débats.",
        "Les étudiants ont organisé des ateliers dans une vingtaine de villes.",
        "Le financement de la deuxième phase reste à confirmer par le ministère.",
        "Les centres de santé ruraux manquent toujours de personnel qualifié.",
        "Une enquête menée auprès de mille deux cents jeunes accompagne le rapport.",
        "Les partenaires locaux ont traduit les supports de formation en plusieurs langues.",
        "La campagne sera étendue à trois nouvelles régions l'année prochaine.",
        "Les résultats seront présentés lors du congrès annuel de la fédération.",
        "Les participants ont salué la qualité des échanges avec les experts invités.",
        "Le groupe de travail remettra ses recommandations avant la fin de l'année.",
        "La vaccination des enfants a progressé de manière notable dans les districts pilotes.",
        "Les organisations de jeunesse demandent une place permanente à la table des négociations.",
    ],
    "es": [
        "Los delegados aprobaron la declaración tras dos jornadas de trabajo intenso.",
        "Más de trescientos estudiantes participaron en las actividades de la campaña.",
        "El programa se ampliará a cinco nuevas provincias durante el próximo año.",
        "Las clínicas rurales siguen enfrentando una grave escasez de personal sanitario.",
        "La encuesta recogió las opiniones de mil quinientos jóvenes de toda la región.",
        "Los resultados se presentarán en el congreso anual de la federación.",
        "Las organizaciones locales tradujeron los materiales a varias lenguas indígenas.",
        "El ministerio se comprometió a publicar los datos de vacunación cada trimestre.",
        "Los participantes destacaron la calidad de los talleres prácticos.",
        "Un grupo de trabajo revisará los estatutos y presentará una propuesta en seis meses.",
        "La financiación de la segunda fase depende de una evaluación independiente.",
        "Las voces de los jóvenes estuvieron presentes en todas las mesas de debate.",
    ],
    "de": [
        "Die Delegierten verabschiedeten den Text nach zweitägigen Beratungen mit großer Mehrheit.",
        "Studierende aus zwölf Ländern nahmen an der Sommerschule teil.",
        "Die Finanzierung der zweiten Projektphase ist noch nicht gesichert.",
        "In ländlichen Regionen fehlen weiterhin Hausärztinnen und Hausärzte.",
        "Die Befragung umfasste mehr als tausend junge Menschen aus dem ganzen Land.",
        "Die Ergebnisse werden auf dem Jahreskongress des Verbandes vorgestellt.",
        "Lokale Partner übersetzten die Schulungsunterlagen in mehrere Sprachen.",
        "Das Ministerium kündigte an, die Impfdaten künftig vierteljährlich zu veröffentlichen.",
        "Die Teilnehmenden lobten vor allem die praktischen Workshops.",
        "Eine Arbeitsgruppe wird die Satzung überarbeiten und in sechs Monaten berichten.",
        "Die Kampagne soll im kommenden Jahr auf drei weitere Bundesländer ausgeweitet werden.",
        "Junge Stimmen waren in allen Diskussionsrunden vertreten.",
    ],
}

# teaser headlines for related-story lists, sidebars and listings (never a page's own title)
TEASERS = [
    "Regional assembly elects a new executive board",
    "Five lessons from a year of community health outreach",
    "Call for applications: summer school on health equity",
    "Students urge ministers to protect exchange funding",
    "New report maps the health workforce gap in rural areas",
    "Webinar recap: climate change and children's health",
    "Partnership signed with the national nursing council",
    "Opinion: why student voices belong in health policy",
    "Antimicrobial resistance week: what our members did",
    "Annual report 2024 now available to download",
    "Interview with the outgoing president",
    "Scholarships open for the public health leadership course",
    "Mental health first aid training reaches 2,000 students",
    "Statement on the funding cuts to global health programmes",
    "Photo story: vaccination days in the highlands",
    "Youth delegates share their first week at the assembly",
    "How pharmacists can help close the immunisation gap",
    "Research round-up: air quality and asthma admissions",
    "Volunteers needed for the autumn blood drive",
    "A decade of the clinical exchange programme in numbers",
    "Open letter on access to essential medicines",
    "Podcast: the future of primary health care",
    "Members meet in Nairobi for the regional forum",
    "Guidelines published for safer student placements",
]

COMMENTS = [
    (
        "Dr. Priya Raman",
        "Thank you for sharing this, our chapter will use these materials next term.",
    ),
    ("Tomasz Wielgus", "Is there a recording of the session available anywhere?"),
    ("Amara Okeke", "Great to see students leading this conversation at the assembly."),
    ("Lucía Ferrer", "We ran a similar project last year and would love to compare notes."),
    ("Jonas Becker", "The link to the full report seems to be broken on mobile."),
    ("Hana Sato", "Congratulations to the whole team on this achievement!"),
]

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}


def human_date(value: str, style: str, lang: str = "en") -> str:
    """The day of ``value`` (ISO) the way a page writes it."""
    d = date.fromisoformat(value[:10])
    month = MONTHS[lang].split()[d.month - 1]
    return {
        "mdy": f"{month} {d.day}, {d.year}",
        "dmy": f"{d.day} {month} {d.year}",
        "short": f"{month[:3]} {d.day}, {d.year}",
        "dots": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "slashes": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "weekday": f"{d.strftime('%A')}, {d.day} {month} {d.year}",
        "fr": f"{d.day} {month} {d.year}",
        "es": f"{d.day} de {month} de {d.year}",
        "de": f"{d.day}. {month} {d.year}",
        "iso": value[:10],
    }[style]


def iso_utc(value: str) -> str:
    """``value`` moved to UTC, as a CMS that stores UTC would write it."""
    dt = datetime.fromisoformat(value)
    return dt.astimezone(datetime.fromisoformat("2000-01-01T00:00:00+00:00").tzinfo).isoformat()


# ---------------------------------------------------------------- the spec of one page
@dataclass
class Spec:
    cms: str  # folder
    theme: str  # template key in TEMPLATES
    name: str
    url: str
    site: str  # the site's name, as the page shows it
    title: str
    published: str | None  # what the publisher meant (ISO with offset, or a day, or None)
    authors: list[str]
    lead: str  # the first paragraph (written per page)
    close: str  # the last paragraph (written per page)
    topic: str = "health"
    size: str = "medium"  # short (lead + close only) | medium | long
    lang: str = "en"
    kind: str = "article"
    fmt: str = "mdy"  # how the visible date is written
    opts: dict = field(default_factory=dict)  # traps and boilerplate switches
    paragraphs: list[str] = field(default_factory=list)  # filled by compose()

    @property
    def rng(self) -> random.Random:
        return random.Random(self.name)

    def opt(self, key: str, default: object = None) -> object:
        return self.opts.get(key, default)


def compose(spec: Spec) -> list[str]:
    """The article's paragraphs: the written lead, drawn middle paragraphs, the written close."""
    if spec.size == "short":
        return [spec.lead, spec.close] if spec.close else [spec.lead]
    rng = spec.rng
    pools = [spec.topic]
    if spec.size == "long" and spec.lang == "en":
        pools = [
            spec.topic,
            *[p for p in ("health", "students", "research", "policy") if p != spec.topic],
        ]
    sentences = [s for p in pools for s in POOLS[p]]
    first = POOLS[spec.topic][:]
    rng.shuffle(first)
    rest = [s for s in sentences if s not in first]
    rng.shuffle(rest)
    ordered = first + rest
    count = {"medium": rng.randint(8, 14), "long": rng.randint(45, 64)}[spec.size]
    chosen = ordered[:count]
    middle, i = [], 0
    while i < len(chosen):
        n = rng.randint(2, 4)
        middle.append(" ".join(chosen[i : i + n]))
        i += n
    return [spec.lead, *middle, spec.close]


# ---------------------------------------------------------------- boilerplate
class Boiler:
    """Renders boilerplate and remembers the strings a reader must not take for the article."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.name + "/boiler")
        self.excludes: list[str] = []
        self.must: list[str] = []  # excludes every expected file lists (inside the body)
        teasers = [t for t in TEASERS if t != spec.title]
        self.rng.shuffle(teasers)
        self.teasers = teasers

    def some_day(self, after: str | None = None) -> date:
        """A day for a teaser or comment: any day of 2023-2026, or later than ``after``."""
        first = (
            date.fromisoformat(after[:10]).toordinal() + 1
            if after
            else date(2023, 1, 1).toordinal()
        )
        return date.fromordinal(self.rng.randint(first, max(first, date(2026, 11, 28).toordinal())))

    def note(self, text: str, *, must: bool = False) -> str:
        """``text`` escaped, remembered as not-the-article (``must``: always listed)."""
        self.excludes.append(text)
        if must:
            self.must.append(text)
        return html.escape(text)

    def nav(
        self,
        items: tuple[str, ...] = ("About us", "What we do", "News", "Get involved"),
        cls: str = "main-navigation",
    ) -> str:
        extra = self.rng.choice(
            [
                "Member Organisations Directory",
                "Our Partners and Funders",
                "Publications and Resources",
                "Join Our Network Today",
            ]
        )
        links = "".join(
            f'<li><a href="/{html.escape(i.lower().replace(" ", "-"))}/">{html.escape(i)}</a></li>'
            for i in items
        )
        return f'<nav class="{cls}" aria-label="Primary"><ul class="menu">{links}<li><a href="/x/">{self.note(extra)}</a></li></ul></nav>'

    def cookie(self) -> str:
        text = self.rng.choice(
            [
                "We use cookies to improve your experience on our website.",
                "This website uses cookies to analyse traffic and remember your preferences.",
                "By continuing to browse this site you agree to our use of cookies.",
            ]
        )
        return f'<div id="cookie-notice" class="cookie-banner" role="dialog"><p>{self.note(text)} <a href="/privacy/">Privacy policy</a></p><button>Accept all</button><button>Manage settings</button></div>'

    def newsletter(self) -> str:
        text = self.rng.choice(
            [
                "Subscribe to our monthly newsletter and never miss an update.",
                "Get the latest news from our network delivered to your inbox.",
                "Sign up for our newsletter to hear about new opportunities first.",
            ]
        )
        return f'<aside class="newsletter-signup"><h3>Stay informed</h3><p>{self.note(text)}</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside>'

    def share(self) -> str:
        text = self.rng.choice(["Share this article", "Share this story", "Spread the word"])
        return f'<div class="share-buttons"><span>{self.note(text)}</span> <a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>'

    def related(
        self,
        n: int = 4,
        *,
        dated: bool = True,
        heading: str = "Related stories",
        cls: str = "related-posts",
    ) -> str:
        entries = []
        for k, title in enumerate(self.teasers[:n]):
            day = self.some_day().isoformat()
            when = f' <time datetime="{day}">{human_date(day, "short")}</time>' if dated else ""
            entries.append(
                f'<li class="related-item"><a href="/news/related-{k}/">{html.escape(title)}</a>{when}</li>'
            )
        self.excludes.extend(self.teasers[:2])
        del self.teasers[:n]
        return f'<section class="{cls}"><h2>{html.escape(heading)}</h2><ul>{"".join(entries)}</ul></section>'

    def comments(self, n: int = 2) -> str:
        out = []
        for k, (who, said) in enumerate(self.rng.sample(COMMENTS, n)):
            day = self.some_day(after=self.spec.published).isoformat()
            out.append(
                f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">{html.escape(who)}</b> '
                f'<time datetime="{day}T10:0{k}:00+00:00">{human_date(day, "mdy")} at 10:0{k} am</time></footer>'
                f'<div class="comment-content"><p>{self.note(said)}</p></div></article></li>'
            )
        return f'<section id="comments" class="comments-area"><h2 class="comments-title">{n} thoughts on this</h2><ol class="comment-list">{"".join(out)}</ol></section>'

    def footer(self, year: int = 2026) -> str:
        text = self.rng.choice(
            [
                f"© {year} {self.spec.site}. All rights reserved.",
                f"Copyright {year} {self.spec.site} | Registered charity",
                f"© {self.spec.site} {year} – Content licensed under CC BY 4.0",
            ]
        )
        return f'<footer class="site-footer"><p>{self.note(text)}</p><p><a href="/privacy/">Privacy</a> · <a href="/contact/">Contact</a></p></footer>'


# ---------------------------------------------------------------- shared markup
SUBHEADS = {
    "en": ["Where it started", "What the numbers say", "Voices from the field", "What comes next"],
    "fr": ["Le contexte", "Les chiffres", "Sur le terrain", "Et maintenant ?"],
    "es": ["El contexto", "Las cifras", "Desde el terreno", "Próximos pasos"],
    "de": ["Der Hintergrund", "Die Zahlen", "Aus der Praxis", "Wie es weitergeht"],
}


def paragraph_html(spec: Spec, k: int, text: str) -> str:
    """One paragraph as the page's options shape it: a bulleted list (``body_list``, the
    middle paragraph), a leading link (``links``), or a ``<div>`` (``div_paras``)."""
    if spec.opt("body_list") and k == len(spec.paragraphs) // 2:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences(text))
        return f"<ul>{items}</ul>"
    escaped = html.escape(text)
    if spec.opt("links") and k % 2 == 0:
        words = escaped.split(" ")
        escaped = f'<a href="/topics/{k}/">{" ".join(words[:4])}</a> {" ".join(words[4:])}'
    tag = "div" if spec.opt("div_paras") else "p"
    return f"<{tag}>{escaped}</{tag}>"


def inline_promo(spec: Spec, b: Boiler) -> str:
    """Boilerplate inside the body container: a "Read also" link or a newsletter box, as
    news sites and page builders put between paragraphs (``opts['inline']``)."""
    if spec.opt("inline") == "newsletter":
        text = b.note("Enjoying this article? Get our weekly briefing in your inbox.", must=True)
        return f'<div class="inline-newsletter"><p>{text}</p><a class="button" href="/subscribe/">Sign up</a></div>'
    label = {"fr": "À lire aussi :", "es": "Lea también:", "de": "Lesen Sie auch:"}.get(
        spec.lang, "Read also:"
    )
    teaser = b.teasers.pop()
    return f'<p class="read-also"><strong>{label}</strong> <a href="/news/also/">{b.note(teaser, must=True)}</a></p>'


def paragraphs_html(spec: Spec, b: Boiler, *, subheads: bool = True) -> str:
    out = []
    for k, p in enumerate(spec.paragraphs):
        if k == 2 and spec.opt("inline"):
            out.append(inline_promo(spec, b))
        if subheads and spec.size == "long" and k and k % 5 == 0:
            heads = SUBHEADS[spec.lang]
            out.append(f"<h2>{heads[(k // 5 - 1) % len(heads)]}</h2>")
        out.append(paragraph_html(spec, k, p))
        if k == 0 and spec.opt("figure"):
            out.append(
                f'<figure class="wp-block-image"><img src="/media/{spec.name}.jpg" alt="">'
                f"<figcaption>{html.escape(str(spec.opt('figure')))}</figcaption></figure>"
            )
    return "\n".join(out)


def jsonld(obj: dict, *, cdata: bool = False) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    if cdata:
        text = f"//<![CDATA[\n{text}\n//]]>"
    return f'<script type="application/ld+json">{text}</script>'


def article_jsonld(spec: Spec, kind: str = "NewsArticle", **extra: object) -> dict:
    obj: dict = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": spec.title,
        "mainEntityOfPage": spec.url,
    }
    if spec.published:
        obj["datePublished"] = spec.published
    if spec.authors:
        obj["author"] = [{"@type": "Person", "name": a} for a in spec.authors]
    obj.update(extra)
    return obj


def meta_dates(spec: Spec) -> str:
    """Date metas named by ``opts['meta']`` (a list of meta names) with the published value."""
    if not spec.published:
        return ""
    out = []
    for name in spec.opt("meta", []):
        attr = "property" if ":" in name else "name"
        value = spec.published
        if name in ("pdate",):
            value = spec.published[:10].replace("-", "")
        elif name == "sailthru.date":
            value = (
                spec.published.replace("T", " ")[:19] if "T" in spec.published else spec.published
            )
        out.append(f'<meta {attr}="{name}" content="{value}">')
    return "\n".join(out)


def page(
    spec: Spec, head: str, body: str, *, title_tag: str | None = None, body_class: str = ""
) -> str:
    title_tag = title_tag or f"{spec.title} | {spec.site}"
    return (
        f'<!DOCTYPE html>\n<html lang="{spec.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title_tag)}</title>\n{head}\n</head>\n"
        f'<body class="{body_class}">\n{body}\n</body>\n</html>\n'
    )


def byline(spec: Spec, sep: str = ", ") -> str:
    return sep.join(html.escape(a) for a in spec.authors)


def shown_date(spec: Spec) -> str:
    return human_date(spec.published, spec.fmt, spec.lang) if spec.published else ""


# ---------------------------------------------------------------- templates (one per CMS/theme)
def wp_twenty(spec: Spec, b: Boiler) -> str:
    """WordPress Twenty Twenty-One: entry-header, posted-on time, comments."""
    head = f'<meta property="og:type" content="article">\n<meta property="og:title" content="{html.escape(spec.title)}">\n{meta_dates(spec)}'
    d = (
        f'<span class="posted-on">Published <time class="entry-date published" datetime="{spec.published}">{shown_date(spec)}</time></span>'
        if spec.published
        else ""
    )
    by = (
        f'<span class="byline">By <a class="url fn n" href="/author/x/">{byline(spec)}</a></span>'
        if spec.authors
        else ""
    )
    body = f"""<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{html.escape(spec.site)}</a></p>{b.nav()}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{len(spec.name) * 37}" class="post type-post status-publish format-standard hentry">
<header class="entry-header alignwide"><h1 class="entry-title">{html.escape(spec.title)}</h1></header>
<div class="entry-content">
{paragraphs_html(spec, b)}
</div>
<footer class="entry-footer default-max-width">{d} {by} <span class="cat-links">Posted in <a href="/category/news/">News</a></span></footer>
</article>
{b.share() if spec.opt("share", True) else ""}
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev/"><p class="meta-nav">Previous post</p><p class="post-title">{html.escape(b.teasers.pop())}</p></a></div></nav>
{b.comments(spec.opt("comments", 2)) if spec.opt("comments", 2) else ""}
</main></div></div>
{b.footer()}
</div>"""
    return page(spec, head, body, body_class="post-template-default single single-post")


def wp_genesis(spec: Spec, b: Boiler) -> str:
    """Genesis framework: content-sidebar-wrap, entry-meta before content, sidebar full of dated teasers."""
    head = (
        meta_dates(spec)
        + "\n"
        + (jsonld(article_jsonld(spec, "BlogPosting")) if spec.opt("jsonld", True) else "")
    )
    d = (
        f'<time class="entry-time" itemprop="datePublished" datetime="{spec.published}">{shown_date(spec)}</time>'
        if spec.published
        else ""
    )
    by = (
        f' by <span class="entry-author" itemprop="author"><span class="entry-author-name" itemprop="name">{byline(spec, " and ")}</span></span>'
        if spec.authors
        else ""
    )
    body = f"""<div class="site-container">
{b.cookie() if spec.opt("cookie", True) else ""}
<header class="site-header"><div class="wrap"><div class="title-area"><p class="site-title">{html.escape(spec.site)}</p></div>{b.nav(cls="nav-primary genesis-nav-menu")}</div></header>
<div class="site-inner"><div class="content-sidebar-wrap">
<main class="content" id="genesis-content">
<article class="post entry" itemscope itemtype="https://schema.org/CreativeWork">
<header class="entry-header"><h1 class="entry-title" itemprop="headline">{html.escape(spec.title)}</h1>
<p class="entry-meta">{d}{by} <span class="entry-comments-link"><a href="#respond">Leave a Comment</a></span></p></header>
<div class="entry-content" itemprop="text">
{paragraphs_html(spec, b)}
</div>
<footer class="entry-footer"><p class="entry-meta"><span class="entry-categories">Filed Under: <a href="/category/updates/">Updates</a></span></p></footer>
</article>
</main>
<aside class="sidebar sidebar-primary widget-area" role="complementary">
<section class="widget featured-content"><div class="widget-wrap">{b.related(spec.opt("related", 6), heading="Recent Posts", cls="widget-list")}</div></section>
<section class="widget">{b.newsletter()}</section>
</aside>
</div></div>
{b.footer()}
</div>"""
    return page(
        spec, head, body, body_class="single-post content-sidebar genesis-breadcrumbs-hidden"
    )


def wp_astra(spec: Spec, b: Boiler) -> str:
    """Astra theme with Yoast SEO: @graph JSON-LD, article:published_time, ast-* wrappers."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "/#org", "name": spec.site},
            {
                "@type": "WebPage",
                "@id": spec.url,
                "name": f"{spec.title} - {spec.site}",
                "datePublished": spec.published,
                "dateModified": spec.opt("modified", spec.published),
            },
            {
                **article_jsonld(spec, "Article"),
                "isPartOf": {"@id": spec.url},
                "dateModified": spec.opt("modified", spec.published),
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}],
            },
        ],
    }
    if not spec.published:
        for node in graph["@graph"]:
            node.pop("datePublished", None)
            node.pop("dateModified", None)
    head = f"""<!-- This site is optimized with the Yoast SEO plugin -->
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(spec.title)} - {html.escape(spec.site)}">
{'<meta property="article:published_time" content="' + spec.published + '">' if spec.published else ""}
{'<meta property="article:modified_time" content="' + str(spec.opt("modified")) + '">' if spec.opt("modified") else ""}
{'<meta name="author" content="' + html.escape(spec.authors[0]) + '">' if spec.authors else ""}
{jsonld(graph, cdata=bool(spec.opt("cdata")))}"""
    d = (
        f'<span class="posted-on"><span class="published" itemprop="datePublished">{shown_date(spec)}</span></span>'
        if spec.published
        else ""
    )
    upd = (
        f' / <span class="updated-on">Last updated: {human_date(str(spec.opt("modified")), spec.fmt)}</span>'
        if spec.opt("modified")
        else ""
    )
    by = (
        f'<span class="posted-by vcard author"><a class="url fn n" href="/author/"><span class="author-name">{byline(spec)}</span></a></span> / '
        if spec.authors
        else ""
    )
    body = f"""<div id="page" class="hfeed site">
<header class="site-header ast-primary-submenu-animation-fade"><div class="ast-container"><div class="site-branding"><span class="site-title">{html.escape(spec.site)}</span></div>{b.nav(cls="main-header-bar-navigation")}</div></header>
<div id="content" class="site-content"><div class="ast-container">
<div id="primary" class="content-area primary"><main id="main" class="site-main">
<article class="post ast-article-single">
<div class="ast-post-format- single-layout-1">
<header class="entry-header"><h1 class="entry-title" itemprop="headline">{html.escape(spec.title)}</h1>
<div class="entry-meta">{by}{d}{upd}</div></header>
<div class="entry-content clear" itemprop="text">
{paragraphs_html(spec, b)}
</div></div></article>
{b.related(spec.opt("related", 3), heading="Related Posts", cls="ast-single-related-posts-container")}
</main></div>
<div class="widget-area secondary" id="secondary"><div class="sidebar-main">{b.newsletter()}</div></div>
</div></div>
{b.footer()}
{b.cookie() if spec.opt("cookie", True) else ""}
</div>"""
    return page(
        spec,
        head,
        body,
        title_tag=f"{spec.title} - {spec.site}",
        body_class="post-template-default single ast-right-sidebar",
    )


def wp_divi(spec: Spec, b: Boiler) -> str:
    """Divi: et_pb sections, post-meta line 'by X | Mar 3, 2025 | News', no structured data."""
    meta = []
    if spec.authors:
        meta.append(f'by <span class="author vcard"><a href="/author/">{byline(spec)}</a></span>')
    if spec.published:
        meta.append(f'<span class="published">{shown_date(spec)}</span>')
    meta.append('<a href="/category/news/" rel="category tag">News</a>')
    body = f"""<div id="page-container"><div id="et-boc" class="et-boc">
<header id="main-header" data-height-onload="66"><div class="container clearfix et_menu_container"><div class="logo_container"><span>{html.escape(spec.site)}</span></div><div id="et-top-navigation">{b.nav(cls="et-menu-nav")}</div></div></header>
<div id="et-main-area"><div id="main-content"><div class="container"><div id="content-area" class="clearfix">
<div id="left-area">
<article id="post-1" class="et_pb_post post">
<div class="et_post_meta_wrapper"><h1 class="entry-title">{html.escape(spec.title)}</h1>
<p class="post-meta">{" | ".join(meta)}</p></div>
<div class="entry-content">
<div class="et_pb_section et_pb_section_0"><div class="et_pb_row"><div class="et_pb_column et_pb_column_4_4"><div class="et_pb_module et_pb_text et_pb_text_0"><div class="et_pb_text_inner">
{paragraphs_html(spec, b)}
</div></div></div></div></div>
</div>
{b.share()}
</article>
{b.comments(2) if spec.opt("comments") else ""}
</div>
<div id="sidebar">{b.related(5, heading="Recent Posts", cls="et_pb_widget widget_recent_entries")}</div>
</div></div></div>
{b.footer()}
</div></div></div>"""
    return page(
        spec, meta_dates(spec), body, body_class="single single-post et_divi_theme et_right_sidebar"
    )


def wp_avada(spec: Spec, b: Boiler) -> str:
    """Avada: fusion-* markup, Rank Math JSON-LD, 'fusion-meta-info' with updated date."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "BlogPosting",
                "headline": spec.opt("jsonld_headline", spec.title),
                "datePublished": spec.published,
                "dateModified": spec.opt("modified", spec.published),
                "author": {"@type": "Person", "name": ", ".join(spec.authors)}
                if spec.authors
                else None,
                "description": spec.lead[:150],
            }
        ],
    }
    graph["@graph"][0] = {k: v for k, v in graph["@graph"][0].items() if v}
    head = f"""<!-- Search Engine Optimization by Rank Math - https://rankmath.com/ -->
<meta property="og:title" content="{html.escape(spec.title)}">
{meta_dates(spec)}
{jsonld(graph, cdata=bool(spec.opt("cdata")))}"""
    info = []
    if spec.authors:
        info.append(
            f'By <span class="vcard"><span class="fn"><a href="/author/">{byline(spec)}</a></span></span>'
        )
    if spec.opt("modified"):
        info.append(f'<span class="updated rich-snippet-hidden">{spec.opt("modified")}</span>')
    if spec.published:
        info.append(f"<span>{shown_date(spec)}</span>")
    body = f"""<div id="boxed-wrapper"><div id="wrapper" class="fusion-wrapper">
<header class="fusion-header-wrapper"><div class="fusion-header"><div class="fusion-row"><div class="fusion-logo">{html.escape(spec.site)}</div>{b.nav(cls="fusion-main-menu")}</div></div></header>
<main id="main" class="clearfix"><div class="fusion-row">
<section id="content" style="width: 100%;">
<article id="post-9" class="post post-9 type-post">
<div class="fusion-post-title-meta-wrap"><h1 class="entry-title fusion-post-title">{html.escape(spec.title)}</h1>
<div class="fusion-meta-info"><div class="fusion-meta-info-wrapper">{"<span class='fusion-inline-sep'>|</span>".join(info)}</div></div></div>
<div class="post-content">
{paragraphs_html(spec, b)}
</div>
<div class="fusion-sharing-box fusion-theme-sharing-box">{b.share()}</div>
<section class="related-posts single-related-posts">{b.related(spec.opt("related", 4), heading="Related Posts", cls="fusion-carousel")}</section>
</article>
</section></div></main>
<div class="fusion-footer">{b.newsletter()}{b.footer()}</div>
</div></div>"""
    return page(spec, head, body, body_class="post-template-default single single-post fusion-body")


def drupal7(spec: Spec, b: Boiler) -> str:
    """Drupal 7: node--article, field-items, 'Submitted by X on date', region-sidebar-first."""
    head = '<meta name="Generator" content="Drupal 7 (http://drupal.org)">\n' + meta_dates(spec)
    sub = ""
    if spec.published or spec.authors:
        who = f'by <span class="username">{byline(spec)}</span> ' if spec.authors else ""
        when = f"on {shown_date(spec)}" if spec.published else ""
        sub = f'<div class="submitted"><span property="dc:date dc:created" content="{spec.published or ""}">Submitted {who}{when}</span></div>'
    body = f"""<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix"><a href="/" id="logo">{html.escape(spec.site)}</a>{b.nav(cls="navigation")}</div></div>
<div id="main-wrapper"><div id="main" class="clearfix">
<div id="content" class="column"><div class="section">
<h1 class="title" id="page-title">{html.escape(spec.title)}</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system">
<div id="node-{len(spec.title)}" class="node node-article node-promoted clearfix" about="/node/{len(spec.title)}" typeof="sioc:Item foaf:Document">
{sub}
<div class="content"><div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">
{paragraphs_html(spec, b)}
</div></div></div>
<div class="field field-name-field-tags"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/tags/health">health</a></div></div></div>
</div>
<ul class="links inline"><li class="comment-add first last"><a href="/comment/reply">Add new comment</a></li></ul>
</div></div></div></div></div>
<div id="sidebar-first" class="column sidebar"><div class="section"><div class="region region-sidebar-first">
<div class="block block-views"><h2>Latest news</h2><div class="content"><div class="view view-news view-display-id-block">{b.related(spec.opt("related", 5), heading="In the news", cls="item-list")}</div></div></div>
</div></div></div>
</div></div>
<div id="footer-wrapper">{b.footer()}</div>
</div></div>"""
    return page(
        spec,
        head,
        body,
        body_class="html not-front not-logged-in one-sidebar sidebar-first page-node page-node- node-type-article",
    )


def drupal9_panels(spec: Spec, b: Boiler) -> str:
    """Drupal 8/9 with Panels: panel-two-col-sidebar-right, field--name-field-date, metatag module."""
    head = f"""<meta name="Generator" content="Drupal 9 (https://www.drupal.org)">
<link rel="canonical" href="{spec.url}">
<meta property="og:title" content="{html.escape(spec.title)}">
{meta_dates(spec)}"""
    d = (
        f'<div class="field field--name-field-date field--type-datetime field--label-hidden field__item"><time datetime="{spec.opt("utc_time", spec.published)}">{shown_date(spec)}</time></div>'
        if spec.published
        else ""
    )
    by = (
        f'<div class="field field--name-field-author field__item">{byline(spec)}</div>'
        if spec.authors
        else ""
    )
    body = f"""<div class="dialog-off-canvas-main-canvas">
{b.cookie() if spec.opt("cookie") else ""}
<header role="banner"><div class="region region-header"><a href="/" rel="home">{html.escape(spec.site)}</a></div>{b.nav(cls="menu--main")}</header>
<main role="main"><div class="layout-content">
<div class="panel-display panel-two-col-sidebar-right clearfix">
<div class="panel-panel panel-col-first"><div class="inside">
<article role="article" class="node node--type-news node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{html.escape(spec.title)}</span></h1>
{d}{by}
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{paragraphs_html(spec, b)}
</div>
</article></div></div>
<div class="panel-panel panel-col-last"><div class="inside">
<div class="views-element-container block-views-blocknews-block-1"><h2>More news</h2>{b.related(spec.opt("related", 6), heading="Latest", cls="view-content")}</div>
{b.newsletter()}
</div></div>
</div></div></main>
{b.footer()}
</div>"""
    return page(spec, head, body, body_class="path-node page-node-type-news")


def drupal10(spec: Spec, b: Boiler) -> str:
    """Drupal 10 Olivero: node__content, 'By X, date' in node__meta, schema_metatag JSON-LD."""
    ld = article_jsonld(spec, "NewsArticle", description=spec.opt("jsonld_headline", spec.title))
    head = f'<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n{jsonld(ld) if spec.opt("jsonld", True) else ""}\n{meta_dates(spec)}'
    meta = ""
    if spec.published or spec.authors:
        who = (
            f'By <span class="field field--name-uid"><span>{byline(spec)}</span></span>, '
            if spec.authors
            else ""
        )
        meta = f'<div class="node__meta"><span>{who}{shown_date(spec)}</span></div>'
    body = f"""<div class="dialog-off-canvas-main-canvas"><div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header"><div class="site-branding__text"><div class="site-branding__name"><a href="/">{html.escape(spec.site)}</a></div></div>{b.nav(cls="primary-nav")}</header>
<div id="main-wrapper" class="layout-main-wrapper"><div id="main" class="layout-main"><div class="main-content"><a id="main-content" tabindex="-1"></a>
<div class="region region--content-above"><div class="block block-core block-page-title-block"><h1 class="title page-title"><span class="field field--name-title">{html.escape(spec.title)}</span></h1></div></div>
<div class="region region--content grid-full layout--pass--content-medium" id="content">
<article data-history-node-id="{len(spec.name)}" class="node node--type-article node--promoted node--view-mode-full">
<header class="node__header">{meta}</header>
<div class="node__content">
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">
{paragraphs_html(spec, b)}
</div>
{b.comments(2) if spec.opt("comments") else ""}
</div></article></div>
<div class="region region--sidebar">{b.related(spec.opt("related", 4), heading="Related content", cls="block-views-blockrelated")}</div>
</div></div></div>
<footer class="site-footer">{b.footer()}</footer>
</div></div></div>"""
    return page(spec, head, body, body_class="path-node page-node-type-article")


def ghost_casper(spec: Spec, b: Boiler) -> str:
    """Ghost (Casper): article.gh-article, byline with avatar, read-more cards, Portal signup."""
    head = f"""<meta name="generator" content="Ghost 5.82">
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(spec.title)}">
{'<meta property="article:published_time" content="' + spec.published + '">' if spec.published else ""}
{'<meta property="article:modified_time" content="' + str(spec.opt("modified")) + '">' if spec.opt("modified") else ""}
{jsonld(article_jsonld(spec, "Article", publisher={"@type": "Organization", "name": spec.site}))}"""
    authors = "".join(
        f'<li class="author-list-item"><a href="/author/x/" class="author-avatar">{html.escape(a)}</a></li>'
        for a in spec.authors
    )
    body = f"""<div class="viewport"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="/">{html.escape(spec.site)}</a></div>{b.nav(cls="gh-head-menu")}</div></header>
<div class="site-content"><main id="site-main" class="site-main">
<article class="article post tag-news">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/news/">News</a></span></div>
<h1 class="article-title">{html.escape(spec.title)}</h1>
<p class="article-excerpt">{html.escape(spec.opt("excerpt", ""))}</p>
<div class="article-byline"><section class="article-byline-content"><ul class="author-list">{authors}</ul>
<div class="article-byline-meta"><h4 class="author-name">{byline(spec)}</h4><div class="byline-meta-content">{'<time class="byline-meta-date" datetime="' + spec.published[:10] + '">' + shown_date(spec) + "</time>" if spec.published else ""}<span class="byline-reading-time"><span class="bull">•</span> 4 min read</span></div></div></section></div>
</header>
<section class="gh-content gh-canvas">
{paragraphs_html(spec, b)}
</section>
</article>
</main>
<aside class="read-more-wrap outer"><div class="read-more inner">{b.related(3, heading="Read more", cls="post-card-list")}</div></aside>
</div>
<footer class="site-footer outer"><div class="inner">{b.newsletter()}{b.footer()}</div></footer>
</div>"""
    return page(spec, head, body, title_tag=spec.title, body_class="post-template tag-news")


def webflow(spec: Spec, b: Boiler) -> str:
    """Webflow CMS item: w-richtext body, data-wf-page, date as a bare div, no metadata."""
    head = f'<meta content="{html.escape(spec.title)}" property="og:title">\n<meta content="Webflow" name="generator">\n{meta_dates(spec)}'
    d = f'<div class="blog-date">{shown_date(spec)}</div>' if spec.published else ""
    by = f'<div class="author-name">{byline(spec)}</div>' if spec.authors else ""
    body = f"""<div class="navbar w-nav" data-collapse="medium"><div class="container w-container"><a href="/" class="brand w-nav-brand">{html.escape(spec.site)}</a>{b.nav(cls="nav-menu w-nav-menu")}</div></div>
<div class="section-blog-hero"><div class="container-blog w-container">
<div class="blog-category">Insights</div>
<h1 class="heading-blog">{html.escape(spec.title)}</h1>
<div class="blog-meta-wrap">{by}{d}</div>
</div></div>
<div class="section-blog-content"><div class="container-blog w-container">
<div class="rich-text-blog w-richtext">
{paragraphs_html(spec, b)}
</div></div></div>
<div class="section-more"><div class="w-dyn-list"><div role="list" class="w-dyn-items">{"".join(f'<div role="listitem" class="w-dyn-item"><a href="/blog/m{k}" class="more-card"><div class="more-title">{html.escape(t)}</div></a></div>' for k, t in enumerate(b.teasers[:3]))}</div></div></div>
<div class="section-newsletter">{b.newsletter()}</div>
{b.footer()}
<script src="https://assets.website-files.com/js/webflow.js" type="text/javascript"></script>"""
    b.excludes.append(b.teasers[0])
    return page(spec, head, body, title_tag=spec.title).replace(
        "<html ", '<html data-wf-page="64a1f" data-wf-site="64a0e" ', 1
    )


def squarespace(spec: Spec, b: Boiler) -> str:
    """Squarespace 7.1 blog item: blog-item-wrapper, sqs-block-html, dt-published meta."""
    head = f"""<!-- This is Squarespace. --><meta itemprop="name" content="{html.escape(spec.title)}">
{'<meta itemprop="datePublished" content="' + spec.published + '">' if spec.published else ""}
{'<meta itemprop="author" content="' + html.escape(spec.authors[0]) + '">' if spec.authors else ""}
{meta_dates(spec)}"""
    d = (
        f'<time class="dt-published blog-meta-item blog-meta-item--date" datetime="{spec.published[:10]}">{shown_date(spec)}</time>'
        if spec.published
        else ""
    )
    by = (
        f'<span class="blog-author blog-meta-item"><a href="/blog?author=1">{byline(spec)}</a></span>'
        if spec.authors
        else ""
    )
    blocks = "".join(
        f'<div class="sqs-block html-block sqs-block-html"><div class="sqs-block-content"><div class="sqs-html-content"><p class="">{html.escape(p)}</p></div></div></div>'
        for p in spec.paragraphs
    )
    body = f"""<div id="siteWrapper" class="clearfix site-wrapper">
<header class="header"><div class="header-title"><a href="/">{html.escape(spec.site)}</a></div>{b.nav(cls="header-nav")}</header>
<main id="page" class="container" role="main"><article class="sections"><section class="page-section">
<div class="blog-item-wrapper"><article class="blog-item hentry" data-item-id="5f9">
<div class="blog-item-top-wrapper"><div class="blog-meta-section">{d}{by}</div><h1 class="entry-title entry-title--large p-name" data-content-field="title">{html.escape(spec.title)}</h1></div>
<div class="blog-item-content-wrapper"><div class="blog-item-content e-content"><div class="sqs-layout sqs-grid-12 columns-12" data-type="item">{blocks}</div></div></div>
<div class="blog-item-comments">{b.share()}</div>
</article>
<section class="item-pagination item-pagination--prev-next"><a class="item-pagination-link item-pagination-link--prev" href="/blog/p"><div class="item-pagination-prev-next">Previous</div><h2 class="item-pagination-title">{html.escape(b.teasers.pop())}</h2></a></section>
</div></section></article></main>
{b.cookie() if spec.opt("cookie", True) else ""}
<footer class="sections" id="footer-sections">{b.newsletter()}{b.footer()}</footer>
</div>"""
    return page(
        spec,
        head,
        body,
        title_tag=f"{spec.title} — {spec.site}",
        body_class="collection-type-blog view-item",
    )


def wix(spec: Spec, b: Boiler) -> str:
    """Wix-like blog post: data-hook attributes, many nested divs, generated classes, spans per paragraph."""
    paras = "".join(
        f'<p class="mm8Nw _1j-51 blog-post-text-font" dir="auto"><span class="_2PHJq">{html.escape(p)}</span></p>'
        for p in spec.paragraphs
    )
    d = (
        f'<span class="post-metadata__date time-ago" data-hook="time-ago" title="{shown_date(spec)}">{human_date(spec.published, "short")}</span>'
        if spec.published
        else ""
    )
    by = (
        f'<span data-hook="user-name" class="tQ0Q1A user-name">{byline(spec)}</span>'
        if spec.authors
        else ""
    )
    head = f'<meta name="generator" content="Wix.com Website Builder">\n<meta property="og:title" content="{html.escape(spec.title)}">\n{meta_dates(spec)}\n{jsonld(article_jsonld(spec, "BlogPosting")) if spec.opt("jsonld") else ""}'
    body = f"""<div id="SITE_CONTAINER"><div id="main_MF"><div id="site-root">
<header id="SITE_HEADER" class="xZ4Hq"><div class="_1Gpv9"><span class="font_0">{html.escape(spec.site)}</span></div>{b.nav(cls="StylableHorizontalMenu")}</header>
<main id="PAGES_CONTAINER"><div id="SITE_PAGES"><div class="post-page-container">
<article class="blog-post-page-font" data-hook="post">
<div class="_1tXHV" data-hook="post-header"><div class="post-metadata">{by}<span>·</span>{d}<span>·</span><span class="post-metadata__readTime">3 min read</span></div></div>
<h1 class="post-title blog-post-title-font" data-hook="post-title"><span class="post-title__text">{html.escape(spec.title)}</span></h1>
<div class="post-content__body" data-hook="post-description"><div class="_6SyeS"><div data-rce-version="9.3.2"><div class="rich-content-viewer" dir="ltr">{paras}</div></div></div></div>
<div data-hook="post-footer">{b.share()}</div>
</article>
<section data-hook="recent-posts"><h2>Recent Posts</h2>{"".join(f'<div data-hook="post-list-item"><a href="/post/r{k}"><h3 class="post-title">{html.escape(t)}</h3></a></div>' for k, t in enumerate(b.teasers[:3]))}<a href="/blog">See All</a></section>
</div></div></main>
{b.footer()}
</div></div></div>"""
    b.excludes.append(b.teasers[1])
    return page(spec, head, body, title_tag=spec.title, body_class="")


def medium(spec: Spec, b: Boiler) -> str:
    """Medium-like: section/div soup, h1 with data-testid, pw-published-date, responses and 'More from'."""
    head = f"""<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(spec.title)}">
<meta name="author" content="{byline(spec)}">
{'<meta property="article:published_time" content="' + iso_utc(spec.published) + '">' if spec.published and "T" in spec.published else ""}
{jsonld(article_jsonld(spec, "NewsArticle", datePublished=iso_utc(spec.published) if spec.published and "T" in spec.published else spec.published))}"""
    paras = "".join(
        f'<p class="pw-post-body-paragraph lt lu fp lv b lw" data-selectable-paragraph="" id="p{k}">{html.escape(p)}</p>'
        for k, p in enumerate(spec.paragraphs)
    )
    body = f"""<div id="root"><div class="a b c"><div class="l">
<nav class="metabar">{b.nav(("Write", "Sign up", "Sign in"), cls="metabar-nav")}</nav>
<article><div class="l"><div class="ab ca"><section><div class="fy fz ga">
<h1 id="t1" class="pw-post-title gb gc gd bg" data-testid="storyTitle">{html.escape(spec.title)}</h1>
<div class="speechify-ignore"><div class="pw-author"><a data-testid="authorName" href="/@x">{byline(spec)}</a></div>
<div><span data-testid="storyReadTime">6 min read</span><span>·</span>{'<span data-testid="storyPublishDate">' + human_date(spec.published, "short") + "</span>" if spec.published else ""}</div></div>
{paras}
</div></section></div></div></article>
<div class="responses"><h2>Responses (3)</h2>{b.comments(2)}</div>
<div class="more-from"><h2>More from {html.escape(spec.site)}</h2>{b.related(4, heading="Recommended from Medium", cls="more-list")}</div>
</div></div></div>"""
    return page(
        spec,
        head,
        body,
        title_tag=f"{spec.title} | by {spec.authors[0] if spec.authors else spec.site} | Medium",
    )


def blogger(spec: Spec, b: Boiler) -> str:
    """Blogger: date-header above post-outer, post-body entry-content, blog-archive widget with years."""
    d = (
        f'<h2 class="date-header"><span>{human_date(spec.published, "weekday" if spec.lang == "en" else spec.fmt, spec.lang)}</span></h2>'
        if spec.published
        else ""
    )
    ts = (
        f'<a class="timestamp-link" href="{spec.url}" rel="bookmark"><abbr class="published" itemprop="datePublished" title="{spec.published}">{spec.published[11:16] if "T" in str(spec.published) else ""}</abbr></a>'
        if spec.published
        else ""
    )
    archive = "".join(
        f'<li class="archivedate"><a href="/{y}/">{y}</a> ({n})</li>'
        for y, n in ((2026, 4), (2025, 31), (2024, 28), (2023, 19))
    )
    head = f"""<meta content="blogger" name="generator">
<link rel="alternate" type="application/atom+xml" title="{html.escape(spec.site)} - Atom" href="/feeds/posts/default">
<meta property="og:title" content="{html.escape(spec.title)}">"""
    body = f"""<div class="content"><div class="content-outer"><header><div class="header-outer"><div class="Header" id="Header1"><h1 class="title">{html.escape(spec.site)}</h1><p class="description">{html.escape(spec.opt("tagline", "Notes from our chapter"))}</p></div></div></header>
<div class="main-inner"><div class="columns"><div class="main-outer"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer">{d}<div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">{html.escape(spec.title)}</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-77" itemprop="description articleBody">
{"<br><br>".join(html.escape(p) for p in spec.paragraphs)}
<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author"><span itemprop="name">{byline(spec)}</span></span></span> <span class="post-timestamp">at {ts}</span> <span class="post-comment-link"><a class="comment-link" href="#comments">No comments:</a></span></div></div>
</div></div></div></div></div>
<div class="blog-pager" id="blog-pager"><a class="blog-pager-newer-link" href="/newer">Newer Post</a> <a class="blog-pager-older-link" href="/older">Older Post</a> <a class="home-link" href="/">Home</a></div>
</div></div></div>
<aside class="sidebar-outer"><div class="widget BlogArchive"><h2>Blog Archive</h2><ul class="hierarchy">{archive}</ul></div><div class="widget PopularPosts">{b.related(4, heading="Popular Posts", cls="popular-posts")}</div></aside>
</div></div>
{b.footer()}
</div></div>"""
    return page(
        spec, head, body, title_tag=f"{spec.site}: {spec.title}", body_class="variant-indie"
    )


def hugo(spec: Spec, b: Boiler) -> str:
    """Hugo (PaperMod-like): post-header with post-meta 'date · n min · author', TOC, post-footer tags."""
    head = f"""<meta name="generator" content="Hugo 0.121.1">
<meta property="og:title" content="{html.escape(spec.title)}">
{'<meta property="article:published_time" content="' + spec.published + '">' if spec.published and spec.opt("og_date", True) else ""}
{jsonld(article_jsonld(spec, "BlogPosting", wordCount=sum(len(p.split()) for p in spec.paragraphs))) if spec.opt("jsonld", True) else ""}"""
    meta = " · ".join(
        x
        for x in [
            f'<span title="{spec.published}">{shown_date(spec)}</span>' if spec.published else "",
            "5 min",
            byline(spec, " & "),
        ]
        if x
    )
    body = f"""<header class="header"><nav class="nav"><div class="logo"><a href="/" accesskey="h">{html.escape(spec.site)}</a></div>{b.nav(cls="menu-list")}</nav></header>
<main class="main"><article class="post-single">
<header class="post-header"><div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/posts/">Posts</a></div>
<h1 class="post-title entry-hint-parent">{html.escape(spec.title)}</h1>
<div class="post-meta">{meta}</div></header>
<div class="post-content">
{paragraphs_html(spec, b)}
</div>
<footer class="post-footer"><ul class="post-tags"><li><a href="/tags/health/">Health</a></li></ul>
<nav class="paginav"><a class="prev" href="/posts/p/"><span class="title">« Prev</span><br><span>{html.escape(b.teasers.pop())}</span></a></nav>
{b.share()}</footer>
</article></main>
<footer class="footer">{b.footer()}<span>Powered by Hugo</span></footer>"""
    return page(
        spec,
        head,
        body,
        title_tag=f"{spec.title} | {spec.site}",
        body_class="list" if False else "",
    )


def jekyll(spec: Spec, b: Boiler) -> str:
    """Jekyll (minima): post-header with time.dt-published, jekyll-seo-tag JSON-LD, e-content."""
    ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": spec.title,
        "url": spec.url,
    }
    if spec.published:
        ld["datePublished"] = spec.published
    if spec.authors:
        ld["author"] = {"@type": "Person", "name": spec.authors[0]}
    head = f"""<!-- Begin Jekyll SEO tag v2.8.0 -->
<meta name="generator" content="Jekyll v4.3.3">
<meta property="og:title" content="{html.escape(spec.title)}">
{'<meta property="article:published_time" content="' + spec.published + '">' if spec.published else ""}
{jsonld(ld)}
<!-- End Jekyll SEO tag -->"""
    d = (
        f'<time class="dt-published" datetime="{spec.published}" itemprop="datePublished">{human_date(spec.published, "short")}</time>'
        if spec.published
        else ""
    )
    by = (
        f' • <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span class="p-author h-card" itemprop="name">{byline(spec)}</span></span>'
        if spec.authors
        else ""
    )
    body = f"""<header class="site-header" role="banner"><div class="wrapper"><a class="site-title" rel="author" href="/">{html.escape(spec.site)}</a>{b.nav(cls="site-nav")}</div></header>
<main class="page-content" aria-label="Content"><div class="wrapper">
<article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
<header class="post-header"><h1 class="post-title p-name" itemprop="name headline">{html.escape(spec.title)}</h1>
<p class="post-meta">{d}{by}</p></header>
<div class="post-content e-content" itemprop="articleBody">
{paragraphs_html(spec, b)}
</div>
<a class="u-url" href="{spec.url}" hidden></a>
</article>
</div></main>
<footer class="site-footer h-card"><div class="wrapper">{b.footer()}{b.newsletter()}</div></footer>"""
    return page(spec, head, body, title_tag=f"{spec.title} | {spec.site}")


def joomla(spec: Spec, b: Boiler) -> str:
    """Joomla 4 (Cassiopeia): com-content-article, article-info dl with 'Published:' dd, item-page."""
    head = (
        f'<meta name="generator" content="Joomla! - Open Source Content Management">\n{meta_dates(spec)}\n<meta name="author" content="{byline(spec)}">'
        if spec.authors
        else '<meta name="generator" content="Joomla! - Open Source Content Management">\n'
        + meta_dates(spec)
    )
    info = []
    if spec.authors:
        info.append(
            f'<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Written by: <span itemprop="name">{byline(spec)}</span></dd>'
        )
    info.append(
        '<dd class="category-name">Category: <a href="/news" itemprop="genre">News</a></dd>'
    )
    if spec.published:
        info.append(
            f'<dd class="published"><span class="icon-calendar icon-fw" aria-hidden="true"></span><time datetime="{spec.published}" itemprop="datePublished">Published: {shown_date(spec)}</time></dd>'
        )
    if spec.opt("modified"):
        info.append(
            f'<dd class="modified"><time datetime="{spec.opt("modified")}" itemprop="dateModified">Last Updated: {human_date(str(spec.opt("modified")), spec.fmt, spec.lang)}</time></dd>'
        )
    info.append(
        '<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:312">Hits: 312</dd>'
    )
    body = f"""<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/">{html.escape(spec.site)}</a></div></div><div class="grid-child container-nav">{b.nav(cls="mod-menu")}</div></header>
<div class="site-grid"><div class="grid-child container-component">
<main><div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="{spec.lang}">
<div class="page-header"><h1 itemprop="headline">{html.escape(spec.title)}</h1></div>
<dl class="article-info text-muted"><dt class="article-info-term">Details</dt>{"".join(info)}</dl>
<div itemprop="articleBody" class="com-content-article__body">
{paragraphs_html(spec, b)}
</div>
<nav class="pagenavigation"><span class="pagination ms-0"><a class="btn btn-sm btn-secondary previous" href="/prev" rel="prev">Prev</a></span></nav>
</div></main></div>
<div class="grid-child container-sidebar-right"><div class="sidebar-right card"><h3 class="card-header">Latest Articles</h3>{b.related(5, heading="Latest Articles", cls="mod-articleslatest")}</div></div>
</div>
<footer class="container-footer footer full-width">{b.footer()}</footer>"""
    return page(spec, head, body, body_class="site com_content view-article layout-blog")


def news_h3(spec: Spec, b: Boiler) -> str:
    """A news site whose story title is an <h3> (or <h2>), in sidebar-and-content-body wrappers; a
    generic <h1> holds the section name, teasers with dates fill the sidebar."""
    tag = spec.opt("title_tag", "h3")
    d = f'<p class="story-date">{shown_date(spec)}</p>' if spec.published else ""
    by = f'<p class="story-byline">By {byline(spec, " and ")}</p>' if spec.authors else ""
    sidebar = b.related(spec.opt("related", 8), heading="Latest headlines", cls="headline-list")
    head = meta_dates(spec) + (
        f'\n<meta property="og:title" content="{html.escape(spec.title)}">'
        if spec.opt("og_title", True)
        else ""
    )
    body = f"""<div id="wrapper">
{b.cookie() if spec.opt("cookie", True) else ""}
<div id="top-bar"><span class="today">{html.escape(spec.opt("today", "Sunday, 29 November 2026"))}</span></div>
<div id="header"><a href="/"><img src="/logo.png" alt="{html.escape(spec.site)}"></a>{b.nav(("Home", "World", "Health", "Science", "Opinion"), cls="topnav")}</div>
<div class="sidebar-and-content-body">
<div class="content-body">
<h1 class="section-name">{html.escape(spec.opt("section", "Health"))}</h1>
<div class="story">
<{tag} class="story-headline">{html.escape(spec.title)}</{tag}>
{by}{d}
<div class="story-text">
{paragraphs_html(spec, b, subheads=False)}
</div>
{b.share()}
</div>
</div>
<div class="sidebar">{sidebar}{b.newsletter()}</div>
</div>
{b.footer()}
</div>"""
    return page(spec, head, body, title_tag=f"{spec.site} - {spec.title}")


def press_release(spec: Spec, b: Boiler) -> str:
    """NGO / UN-agency / university press release: dateline in the first paragraph, 'For media
    enquiries' contact block, 'About X' boilerplate, breadcrumbs; metas per opts."""
    dateline = spec.opt("dateline", "")
    paras = list(spec.paragraphs)
    body_html = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    if dateline:
        body_html = body_html.replace("<p>", f"<p><strong>{html.escape(dateline)}</strong> – ", 1)
    about = spec.opt(
        "about",
        f"About {spec.site}: we are a network of organisations working for health equity worldwide.",
    )
    contact = (
        f"For media enquiries please contact press@{spec.url.split('/')[2].removeprefix('www.')}"
    )
    head = (
        meta_dates(spec)
        + "\n"
        + (
            jsonld(article_jsonld(spec, "NewsArticle"), cdata=bool(spec.opt("cdata")))
            if spec.opt("jsonld")
            else ""
        )
    )
    d = (
        f'<div class="release-date"><span class="label">{html.escape(spec.opt("date_label", "Press release"))}</span> {shown_date(spec)}</div>'
        if spec.published and spec.opt("visible_date", True)
        else ""
    )
    revised = (
        f'<p class="page-revised">{html.escape(str(spec.opt("revised")))}</p>'
        if spec.opt("revised")
        else ""
    )
    body = f"""<a class="skip" href="#main">Skip to main content</a>
{b.cookie() if spec.opt("cookie", True) else ""}
<header class="global-header"><div class="logo">{html.escape(spec.site)}</div>{b.nav(("Newsroom", "Our work", "Countries", "Publications"), cls="global-nav")}</header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/newsroom/">Newsroom</a></li><li>Press releases</li></ol>
<main id="main" class="page-main">
<div class="press-release">
{d}
<h1 class="release-title">{html.escape(spec.title)}</h1>
{'<p class="release-authors">' + byline(spec) + "</p>" if spec.authors else ""}
<div class="release-body">
{body_html}
</div>
<div class="release-about"><h2>Notes to editors</h2><p>{b.note(about)}</p><p>{b.note(contact)}</p></div>
</div>
{revised}
</main>
<aside class="more-releases">{b.related(spec.opt("related", 5), heading="More press releases")}</aside>
{b.footer(spec.opt("copyright", 2026))}"""
    return page(spec, head, body, title_tag=f"{spec.title} | {spec.site}")


def pdf_landing(spec: Spec, b: Boiler) -> str:
    """A publication landing page: the summary text, a 'Download PDF' button, file size, ISBN."""
    d = f"<dt>Publication date</dt><dd>{shown_date(spec)}</dd>" if spec.published else ""
    head = meta_dates(spec) + (
        f'\n<meta name="citation_title" content="{html.escape(spec.title)}">'
        + "".join(
            f'\n<meta name="citation_author" content="{html.escape(a)}">' for a in spec.authors
        )
    )
    body = f"""<header class="site-head">{html.escape(spec.site)}{b.nav(("Publications", "Data", "Events", "About"), cls="nav")}</header>
<main><div class="publication-detail">
<div class="pub-type">Report</div>
<h1>{html.escape(spec.title)}</h1>
<dl class="pub-meta">{d}<dt>Authors</dt><dd>{byline(spec, "; ")}</dd><dt>ISBN</dt><dd>978-92-4-00{len(spec.name)}{len(spec.title)}-1</dd><dt>Pages</dt><dd>{40 + len(spec.title)}</dd></dl>
<div class="pub-download"><a class="button" href="/docs/{spec.name}.pdf">{b.note("Download PDF (2.4 MB)")}</a></div>
<div class="pub-summary"><h2>Overview</h2>
{paragraphs_html(spec, b)}
</div></div></main>
<aside>{b.related(4, heading="Related publications")}</aside>
{b.footer()}"""
    return page(spec, head, body)


def plain_static(spec: Spec, b: Boiler) -> str:
    """Hand-written static HTML of a small association: table layout, date in a <font>, no metadata."""
    prefix = html.escape(str(spec.opt("date_prefix", "Posted on")))
    d = f'<p><font size="2" color="#666">{prefix} {shown_date(spec)}</font></p>'
    if spec.published and spec.opt("time_only"):
        d = f'<p class="date"><time datetime="{spec.published}">{shown_date(spec)}</time></p>'
    d = d if spec.published else ""
    revised = (
        f"<p><small>{html.escape(str(spec.opt('revised')))}</small></p>"
        if spec.opt("revised")
        else ""
    )
    by = (
        f"<p><i>{html.escape(spec.opt('by_prefix', 'Written by'))} {byline(spec)}</i></p>"
        if spec.authors
        else ""
    )
    body = f"""<table width="100%" cellpadding="0" cellspacing="0"><tr><td colspan="2" class="banner"><h2>{html.escape(spec.site)}</h2></td></tr>
<tr><td width="180" valign="top" class="leftnav">{b.nav(("Home", "News", "Members", "Links"), cls="leftmenu")}<br>{b.related(4, dated=False, heading="Older news")}</td>
<td valign="top" class="main">
<h2>{html.escape(spec.title)}</h2>
{d}{by}
{"".join(f"<p>{html.escape(p)}</p>" for p in spec.paragraphs)}
<hr>{revised}
</td></tr></table>
{b.footer(spec.opt("copyright", 2026))}"""
    return page(spec, meta_dates(spec), body, title_tag=spec.opt("title_tag", spec.title))


def trap_articlebody(spec: Spec, b: Boiler) -> str:
    """A theme whose microdata articleBody holds only the teaser sentence; the real body is a
    sibling div; the JSON-LD headline may be a description."""
    ld = article_jsonld(spec, "Article", headline=spec.opt("jsonld_headline", spec.title))
    head = f"{jsonld(ld, cdata=bool(spec.opt('cdata')))}\n{meta_dates(spec)}"
    d = f'<span class="date">{shown_date(spec)}</span>' if spec.published else ""
    body = f"""<header class="top">{html.escape(spec.site)}{b.nav(cls="topnav")}</header>
{b.cookie()}
<main class="container"><div class="row"><div class="col-md-8">
<div itemscope itemtype="https://schema.org/Article">
<h1 itemprop="name">{html.escape(spec.title)}</h1>
<div class="meta">{d} {'<span class="author">' + byline(spec) + "</span>" if spec.authors else ""}</div>
<div class="standfirst" itemprop="articleBody"><p>{html.escape(spec.opt("teaser", "A short summary of the story."))}</p></div>
</div>
<div class="article-text">
{paragraphs_html(spec, b)}
</div>
{b.share()}
</div>
<div class="col-md-4">{b.related(6)}{b.newsletter()}</div></div></main>
{b.footer()}"""
    return page(spec, head, body)


# ---------------------------------------------------------------- non-articles
def listing(spec: Spec, b: Boiler) -> str:
    """A news index / tag / category page: intro, many dated teasers with excerpts, pager."""
    items = []
    for k, t in enumerate(b.teasers[:10]):
        day = date(2025, 12 - k, 10 + k).isoformat()
        items.append(
            f'<article class="teaser"><h2 class="teaser-title"><a href="/news/item-{k}/">{html.escape(t)}</a></h2><time datetime="{day}">{human_date(day, spec.fmt)}</time><p class="excerpt">{html.escape(POOLS[spec.topic][k])}</p><a class="more" href="/news/item-{k}/">Read more</a></article>'
        )
    body = f"""<header>{html.escape(spec.site)}{b.nav()}</header>
<main><h1 class="archive-title">{html.escape(spec.title)}</h1>
<div class="archive-description"><p>{html.escape(spec.lead)}</p></div>
<div class="posts view-content">{"".join(items)}</div>
<nav class="pagination"><a class="next page-numbers" href="?page=2">Next page</a></nav>
</main>
{b.footer()}"""
    b.excludes.append(b.teasers[0])
    return page(spec, "", body, body_class="archive category blog")


def homepage(spec: Spec, b: Boiler) -> str:
    """An organisation's homepage: hero, mission, three latest posts, partner logos, newsletter."""
    latest = "".join(
        f'<div class="card"><h3><a href="/news/h{k}/">{html.escape(t)}</a></h3><span class="card-date">{human_date(date(2025, 11, 3 + k * 4).isoformat(), "dmy")}</span></div>'
        for k, t in enumerate(b.teasers[:3])
    )
    b.excludes.append(b.teasers[0])
    ld = {"@context": "https://schema.org", "@type": "WebSite", "name": spec.site, "url": spec.url}
    body = f"""<header>{b.nav()}</header>
<main><section class="hero"><h1>{html.escape(spec.title)}</h1><p>{html.escape(spec.lead)}</p><a class="btn" href="/join/">Join us</a></section>
<section class="mission"><h2>Our mission</h2><p>{html.escape(spec.close)}</p></section>
<section class="latest-news"><h2>Latest news</h2>{latest}</section>
<section class="partners"><h2>Our partners</h2><ul><li>Partner One</li><li>Partner Two</li></ul></section>
{b.newsletter()}</main>
{b.footer()}"""
    return page(
        spec,
        jsonld(ld),
        body,
        title_tag=f"{spec.site} – {spec.opt('tagline', 'Home')}",
        body_class="home page-template-default",
    )


def about(spec: Spec, b: Boiler) -> str:
    """An about page: who we are, history, governance; og:type website, no date."""
    body = f"""<header>{b.nav()}</header>
<main><article class="page type-page"><h1 class="entry-title">{html.escape(spec.title)}</h1>
<div class="entry-content">
{paragraphs_html(spec, b)}
<h2>Governance</h2><p>The organisation is governed by a general assembly of its members, which elects an executive board every year.</p>
</div></article></main>
{b.footer()}"""
    return page(
        spec,
        '<meta property="og:type" content="website">',
        body,
        body_class="page-template-default page",
    )


TEMPLATES: dict[str, Callable[[Spec, Boiler], str]] = {
    f.__name__: f
    for f in (
        wp_twenty,
        wp_genesis,
        wp_astra,
        wp_divi,
        wp_avada,
        drupal7,
        drupal9_panels,
        drupal10,
        ghost_casper,
        webflow,
        squarespace,
        wix,
        medium,
        blogger,
        hugo,
        jekyll,
        joomla,
        news_h3,
        press_release,
        pdf_landing,
        plain_static,
        trap_articlebody,
        listing,
        homepage,
        about,
    )
}


# ---------------------------------------------------------------- writing
def sentences(paragraph: str) -> list[str]:
    out, current = [], ""
    for word in paragraph.split(" "):
        current = f"{current} {word}".strip()
        if word.endswith((".", "!", "?")) and not word.endswith(("Dr.", "St.", "e.g.", "i.e.")):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def expected(spec: Spec, excludes: list[str], must: list[str]) -> dict:
    paras = spec.paragraphs
    includes = [sentences(paras[0])[0]]
    if spec.kind == "article":
        if len(paras) > 2:
            includes.append(sentences(paras[len(paras) // 2])[-1])
        if len(paras) > 4:
            includes.append(sentences(paras[-2])[0])
        last = sentences(paras[-1])[-1]
        if last not in includes:
            includes.append(last)
    seen: list[str] = []
    for text in excludes:
        if text not in seen and not any(text in p for p in paras) and text != spec.title:
            seen.append(text)
    rng = random.Random(spec.name + "/excludes")
    rest = [text for text in seen[1:] if text not in must]
    picked = must + seen[:1] + rng.sample(rest, min(4 - len(must), len(rest)))
    return {
        "url": spec.url,
        "title": spec.title,
        "published": spec.published,
        "authors": spec.authors,
        "text_includes": includes,
        "text_excludes": picked,
        "kind": spec.kind,
        "cms": f"{spec.cms}/{spec.theme}",
        "notes": spec.opt("notes", ""),
    }


def build(specs: list[Spec], root: Path = HERE) -> None:
    """Write every page and its expected values under ``root`` (``<cms>/<name>.*``)."""
    for folder in {s.cms for s in specs}:
        shutil.rmtree(root / folder, ignore_errors=True)
    names = set()
    for spec in specs:
        assert spec.name not in names, spec.name
        names.add(spec.name)
        spec.paragraphs = (
            compose(spec) if spec.kind == "article" or spec.theme == "about" else [spec.lead]
        )
        boiler = Boiler(spec)
        markup = TEMPLATES[spec.theme](spec, boiler)
        out = root / spec.cms
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{spec.name}.html").write_text(markup, encoding="utf-8")
        data = json.dumps(
            expected(spec, boiler.excludes, boiler.must), ensure_ascii=False, indent=2
        )
        (out / f"{spec.name}.expected.json").write_text(data + "\n", encoding="utf-8")
    print(f"wrote {len(specs)} pages")


if __name__ == "__main__":
    import sys

    from specs import SPECS  # the pages themselves, beside this file

    build(SPECS, Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
