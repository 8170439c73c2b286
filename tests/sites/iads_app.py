"""IADS as a single-page application: the content and the hand-written script bundles
(no framework download), for ``tests/sites/build.py`` (the snapshot: data loaded as JSON
from ``/api/...``) and ``tests/data/variant_sites/build.py`` (the variant: the same data
inlined in the bundle as a JavaScript object literal, dates computed, so no JSON can be
found and only a browser gets the cards).

All texts are written filler in the association's voice around the few facts SITES.md
and the task give: the host, a React app with client-side routes (``/about``,
``/governance``, ``/meetings``, ``/projects/*``, ``/committees/*``), news cards that are
data inside the app with day-first dates (``1/5/2023``), WHSA membership, founded 1951.
"""

from __future__ import annotations

import hashlib
import json
import re

IADS_URL = "https://www.iads-web.org"
VARIANT_URL = "https://iads-variant.example"
NAME = "International Association of Dental Students"

# newest first; "link": the route the card points to (None: no route of its own; the two
# meeting cards share /meetings; one links off-site)
NEWS = [
    {
        "slug": "call-for-applications-iads-exchange-programme-2026",
        "title": "Call for applications: IADS Exchange Programme 2026",
        "date": "1/12/2025",
        "category": "Call",
        "link": "/projects/exchange-programme",
        "summary": "Dental students of our member associations can now apply for a clinical "
        "or research exchange in 2026. Local Exchange Officers receive the forms and the "
        "list of host universities this week.",
    },
    {
        "slug": "one-health-day-2025-joint-statement-of-the-world-health-students-alliance",
        "title": "One Health Day 2025: joint statement of the World Health Students' Alliance",
        "date": "3/11/2025",
        "category": "Statement",
        "link": None,
        "summary": "Together with IFMSA, IPSF and IVSA, IADS calls on health educators to teach "
        "the links between human, animal and environmental health, including the "
        "mouth as a mirror of general health.",
    },
    {
        "slug": "outcomes-of-the-iads-annual-world-dental-congress-2025",
        "title": "Outcomes of the IADS Annual World Dental Congress 2025",
        "date": "14/9/2025",
        "category": "Meeting",
        "link": "/meetings",
        "summary": "Delegates elected the new Executive Committee, adopted two policy "
        "statements on access to oral care and welcomed new member associations.",
    },
    {
        "slug": "iads-at-the-78th-world-health-assembly",
        "title": "IADS at the 78th World Health Assembly",
        "date": "28/5/2025",
        "category": "Statement",
        "link": "https://www.who.int/about/governance/world-health-assembly",
        "summary": "Our delegation joined the WHSA students in Geneva and spoke for oral "
        "health in universal health coverage.",
    },
    {
        "slug": "highlights-of-the-iads-mid-year-meeting-2025",
        "title": "Highlights of the IADS Mid-Year Meeting 2025",
        "date": "7/4/2025",
        "category": "Meeting",
        "link": "/meetings",
        "summary": "Three days of workshops, committee sessions and a clinical skills "
        "competition brought our members together for the Mid-Year Meeting.",
    },
    {
        "slug": "world-oral-health-day-2025",
        "title": "World Oral Health Day 2025: a happy mouth is a happy mind",
        "date": "20/3/2025",
        "category": "Campaign",
        "link": "/projects/world-oral-health-day",
        "summary": "Dental students in many countries ran screenings and school visits for "
        "World Oral Health Day on 20 March.",
    },
    {
        "slug": "iads-research-award-2024",
        "title": "The Scientific Committee opens the IADS Research Award 2024",
        "date": "1/5/2024",
        "category": "Call",
        "link": "/committees/scientific",
        "summary": "Undergraduate dental researchers can submit their abstracts until the "
        "end of June; the best three are presented at the Annual World Dental Congress.",
    },
    {
        "slug": "smile-week-2023",
        "title": "Smile Week 2023: dental students teach oral health in schools",
        "date": "1/5/2023",
        "category": "Campaign",
        "link": "/projects/smile-week",
        "summary": "During Smile Week our members visited primary schools to teach "
        "children how to brush and why sugar matters.",
    },
]

ABOUT = {
    "title": "About IADS",
    "body": [
        f"The {NAME} (IADS) is the international voice of dental students. Founded in "
        "1951, IADS brings together national and local dental students' associations to "
        "promote oral health, dental education and international exchange.",
        "IADS is run by dental students for dental students. The Executive Committee and "
        "the standing committees work all year round, and the members meet twice a year: "
        "at the Mid-Year Meeting and at the Annual World Dental Congress.",
        "Together with IFMSA, IPSF and IVSA, IADS is a member of the World Health Students' "
        "Alliance (WHSA), which speaks for students of the health professions at the World "
        "Health Assembly and in other international forums.",
    ],
    "objectives": [
        "To represent dental students and their associations worldwide",
        "To promote and support exchanges of dental students between countries",
        "To encourage oral health education, research and prevention",
        "To work with organisations that share our commitment to oral and global health",
    ],
}

# the other client routes: a heading and a line each, kept inside the bundle
PAGES = {
    "/governance": ("Governance", "IADS is governed by its General Assembly of members."),
    "/meetings": ("Meetings", "Our members meet at the Mid-Year Meeting and the Congress."),
    "/projects/exchange-programme": ("Exchange Programme", "Clinical and research exchanges."),
    "/projects/world-oral-health-day": ("World Oral Health Day", "Our campaign every March."),
    "/projects/smile-week": ("Smile Week", "Oral health education in schools."),
    "/committees/scientific": ("Scientific Committee", "Research, awards and publications."),
}

SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"/><link rel="icon" href="/favicon.ico"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="#0b4f8a"/><meta name="description" content="International Association of Dental Students"/><title>IADS - International Association of Dental Students</title>{scripts}<link href="/static/css/main.{css}.css" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="{mount}"></div></body></html>
"""

CSS = """body{margin:0;font-family:system-ui,sans-serif;color:#1d2733}
.navbar{display:flex;gap:1rem;padding:1rem;background:#0b4f8a}.navbar a{color:#fff}
.news-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
.news-card{border:1px solid #d5dde6;border-radius:.5rem;padding:1rem}
"""

# The snapshot's bundle: routes by location.pathname, loads its data with fetch().
BUNDLE = r"""/*! IADS website v3.2.0 | main bundle */
(function () {
  "use strict";
  var API = { news: "/api/news.json", about: "/api/about.json" };
  var PAGES = __PAGES__;

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      if (child == null) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function navbar() {
    var links = [["/", "Home"], ["/about", "About"], ["/governance", "Governance"],
      ["/meetings", "Meetings"], ["/projects/exchange-programme", "Projects"],
      ["/committees/scientific", "Committees"]];
    return h("nav", { class: "navbar" }, links.map(function (l) {
      return h("a", { href: l[0] }, [l[1]]);
    }));
  }

  function footer() {
    return h("footer", { class: "site-footer" }, ["\u00a9 IADS \u2013 International Association of Dental Students"]);
  }

  function card(item) {
    return h("article", { class: "news-card", id: item.slug }, [
      h("span", { class: "news-card__tag" }, [item.category]),
      h("h3", { class: "news-card__title" }, [item.title]),
      h("p", { class: "news-card__date" }, [item.date]),
      h("p", { class: "news-card__summary" }, [item.summary]),
      item.link ? h("a", { class: "news-card__link", href: item.link }, ["Read more"]) : null
    ]);
  }

  function home(main) {
    return fetch(API.news).then(function (r) { return r.json(); }).then(function (news) {
      main.appendChild(h("h1", {}, ["International Association of Dental Students"]));
      main.appendChild(h("section", { class: "news" }, [
        h("h2", {}, ["Latest news"]),
        h("div", { class: "news-grid" }, news.map(card))
      ]));
    });
  }

  function about(main) {
    return fetch(API.about).then(function (r) { return r.json(); }).then(function (page) {
      main.appendChild(h("h1", {}, [page.title]));
      page.body.forEach(function (text) { main.appendChild(h("p", {}, [text])); });
      main.appendChild(h("ul", {}, page.objectives.map(function (o) { return h("li", {}, [o]); })));
    });
  }

  function plain(main, path) {
    var page = PAGES[path] || ["Page not found", "This page does not exist."];
    main.appendChild(h("h1", {}, [page[0]]));
    main.appendChild(h("p", {}, [page[1]]));
    return Promise.resolve();
  }

  function render() {
    var root = document.getElementById("root");
    var path = window.location.pathname.replace(/\/+$/, "") || "/";
    var main = h("main", { class: "page" }, []);
    root.appendChild(navbar());
    root.appendChild(main);
    root.appendChild(footer());
    var view = path === "/" ? home(main) : path === "/about" ? about(main) : plain(main, path);
    view.catch(function () { main.appendChild(h("p", {}, ["Something went wrong."])); });
  }

  render();
})();
"""

# The variant's bundle: no fetch, no JSON; the data is an object literal in the code and
# each date is computed from its parts (new Date), written day first as en-GB does.
VARIANT_BUNDLE = r"""/* app bundle (variant): data compiled in */
const news = [
__NEWS__
];
const aboutPage = {
__ABOUT__
};
const pages = __PAGES__;

function el(tag, props, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) node.setAttribute(k, v);
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined) continue;
    node.append(typeof kid === "string" ? document.createTextNode(kid) : kid);
  }
  return node;
}

const dayFirst = (d) => `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;

function post(item) {
  return el("li", { class: "post-tile", id: item.key },
    el("h4", { class: "post-tile__heading" }, item.heading),
    el("small", { class: "post-tile__when" }, dayFirst(item.when)),
    el("div", { class: "post-tile__kind" }, item.kind),
    el("p", { class: "post-tile__teaser" }, item.teaser),
    item.to ? el("a", { href: item.to }, "Continue") : null);
}

function view(path) {
  if (path === "/") {
    return [el("h1", {}, "IADS"),
            el("div", { class: "feed" }, el("h2", {}, "What's new"),
               el("ul", { class: "post-list" }, news.map(post)))];
  }
  if (path === "/about") {
    return [el("h1", {}, aboutPage.heading),
            ...aboutPage.paragraphs.map((t) => el("p", {}, t)),
            el("ul", {}, aboutPage.aims.map((t) => el("li", {}, t)))];
  }
  const page = pages[path] || ["Not found", "No such page."];
  return [el("h1", {}, page[0]), el("p", {}, page[1])];
}

const mount = document.querySelector("#app");
const path = location.pathname.replace(/\/+$/, "") || "/";
mount.append(
  el("header", { class: "topbar" }, el("a", { href: "/" }, "IADS"), el("a", { href: "/about" }, "About us")),
  el("div", { class: "content" }, view(path)),
  el("footer", {}, "IADS"));
"""


def _js_string(text: str) -> str:
    """A single-quoted JavaScript string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _js_date(day_first: str) -> str:
    day, month, year = (int(part) for part in day_first.split("/"))
    return f"new Date({year}, {month - 1}, {day})"


def bundle() -> str:
    return BUNDLE.replace("__PAGES__", json.dumps(PAGES, ensure_ascii=False))


def variant_bundle() -> str:
    """The variant's bundle: the same news, about text and pages as JavaScript object
    literals (unquoted keys, single quotes, computed dates), no JSON anywhere."""
    news = ",\n".join(
        "  { key: "
        + _js_string(item["slug"])
        + ", heading: "
        + _js_string(item["title"])
        + ", when: "
        + _js_date(item["date"])
        + ", kind: "
        + _js_string(item["category"])
        + ", teaser: "
        + _js_string(item["summary"])
        + ", to: "
        + (_js_string(item["link"]) if item["link"] else "null")
        + " }"
        for item in NEWS
    )
    about = (
        f"  heading: {_js_string(ABOUT['title'])},\n"
        f"  paragraphs: [{', '.join(map(_js_string, ABOUT['body']))}],\n"
        f"  aims: [{', '.join(map(_js_string, ABOUT['objectives']))}]"
    )
    pages = "{ " + ", ".join(
        f"{_js_string(path)}: [{_js_string(a)}, {_js_string(b)}]" for path, (a, b) in PAGES.items()
    ) + " }"
    return (
        VARIANT_BUNDLE.replace("__NEWS__", news)
        .replace("__ABOUT__", about)
        .replace("__PAGES__", pages)
    )


def content_hash(text: str) -> str:
    """A build hash for a bundle's file name, as bundlers make them (``main.3f9a2c1b.js``)."""
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def shell(script_tags: str, css: str, mount: str) -> str:
    return SHELL.format(scripts=script_tags, css=css, mount=mount)


def site_files() -> dict[str, str]:
    """Every file of the snapshot's IADS site, by name."""
    js, css = bundle(), CSS
    js_hash, css_hash = content_hash(js), content_hash(css)
    scripts = f'<script defer="defer" src="/static/js/main.{js_hash}.js"></script>'
    return {
        "index.html": shell(scripts, css_hash, "root"),
        f"static/js/main.{js_hash}.js": js,
        f"static/css/main.{css_hash}.css": css,
        "api/news.json": json.dumps(NEWS, indent=2, ensure_ascii=False) + "\n",
        "api/about.json": json.dumps(ABOUT, indent=2, ensure_ascii=False) + "\n",
        "robots.txt": "# https://www.robotstxt.org/robotstxt.html\nUser-agent: *\nDisallow:\n",
    }


def variant_files() -> dict[str, str]:
    """Every file of the variant: a Vite-style shell, the bundle with its data inlined,
    and a sitemap of its project and committee routes (each a page only a browser sees)."""
    js = variant_bundle()
    js_hash = content_hash(js)
    scripts = f'<script type="module" crossorigin src="/assets/index-{js_hash}.js"></script>'
    html = shell(scripts, content_hash(CSS), "app")
    html = re.sub(r'<link href="/static/css/[^"]+" rel="stylesheet">', "", html)
    return {
        "index.html": html,
        f"assets/index-{js_hash}.js": js,
        "robots.txt": "User-agent: *\nAllow: /\n",
        "sitemap.xml": sitemap(VARIANT_URL, [p for p in PAGES if p.count("/") == 2]),
    }


def sitemap(home: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{home}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )


def _iso(day_first: str) -> str:
    day, month, year = (int(part) for part in day_first.split("/"))
    return f"{year:04d}-{month:02d}-{day:02d}"


def next_data() -> dict:
    """The same content as a Next.js app's embedded page data: other key names
    (``headline``, ``publishedAt`` as ISO dates, ``excerpt``, ``section``, ``path``), no
    slugs, the about text as one HTML string."""
    posts = [
        {
            "uid": number,
            "headline": item["title"],
            "publishedAt": _iso(item["date"]),
            "section": item["category"],
            "excerpt": item["summary"],
            **({"path": item["link"]} if item["link"] else {}),
        }
        for number, item in enumerate(NEWS, 1)
    ]
    about = "".join(f"<p>{text}</p>" for text in ABOUT["body"]) + (
        "<ul>" + "".join(f"<li>{text}</li>" for text in ABOUT["objectives"]) + "</ul>"
    )
    return {
        "props": {
            "pageProps": {
                "posts": posts,
                "aboutPage": {"heading": ABOUT["title"], "content": about},
            }
        },
        "page": "/[[...route]]",
        "query": {},
        "buildId": "k3j9x2",
        "nextExport": True,
    }


def next_variant_files() -> dict[str, str]:
    """A Next.js-style static export: every route answers one shell whose
    ``__NEXT_DATA__`` holds the data; the client bundle is named but never needed."""
    data = json.dumps(next_data(), ensure_ascii=False).replace("</", "<\\/")
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>IADS</title>'
        '<script src="/static/chunks/main-5d1f0c.js" defer=""></script></head>'
        '<body><div id="__next"></div>'
        f'<script id="__NEXT_DATA__" type="application/json">{data}</script></body></html>\n'
    )
    bundle = "/* the client bundle: renders pageProps into #__next */\n"
    return {"index.html": html, "static/chunks/main-5d1f0c.js": bundle}


MANIFEST = {
    "platform": "react",
    "modified": "2025-12-01T09:30:00Z",
    "spa_fallback": "index.html",
    "server": "nginx",
}
