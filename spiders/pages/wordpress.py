"""WordPress REST ``/wp-json/wp/v2/posts`` -> NewsItems. ``date``/``modified`` are the
site's local time and ``date_gmt``/``modified_gmt`` UTC, both without a suffix: together
they give the local time with its offset; ``title.rendered`` carries HTML entities;
``_embed`` data is optional."""

from __future__ import annotations

import html
import json

from ..items import NewsItem
from .dates import local_with_offset
from .dom import html_text
from .text import clean_line
from .urls import join_url


def _rendered(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def _plain(value: object) -> str | None:
    # the parser decodes the entities; unescaping again would read "&amp;lt;" as "<"
    return html_text(_rendered(value)) or None


def _url(value: object, base: str, bad_urls: list[str] | None) -> str | None:
    return join_url(base, value, bad_urls) if isinstance(value, str) else None


def _item(post: dict, url: str, bad_urls: list[str] | None) -> NewsItem | None:
    link, title = _url(post.get("link"), url, bad_urls), _plain(post.get("title"))
    if not link or not title:
        return None
    embedded = post.get("_embedded") or {}
    authors = [
        clean_line(a.get("name"))
        for a in embedded.get("author", [])
        if isinstance(a, dict) and a.get("name")
    ]
    terms = [t for group in embedded.get("wp:term", []) for t in group if isinstance(t, dict)]
    categories = [
        html.unescape(t["name"]) for t in terms if t.get("taxonomy") == "category" and t.get("name")
    ]
    tags = [
        html.unescape(t["name"]) for t in terms if t.get("taxonomy") == "post_tag" and t.get("name")
    ]
    media = next(iter(embedded.get("wp:featuredmedia", [])), {}) or {}
    yoast = post.get("yoast_head_json") or {}
    image = _url(media.get("source_url"), link, bad_urls) or next(
        (image for i in yoast.get("og_image", []) if (image := _url(i.get("url"), link, bad_urls))),
        None,
    )
    return NewsItem(
        source="",
        url=link,
        title=title,
        canonical_url=_url(yoast.get("canonical"), link, bad_urls),
        published=local_with_offset(post.get("date"), post.get("date_gmt")),
        updated=local_with_offset(post.get("modified"), post.get("modified_gmt")),
        content_type=categories[0] if categories else None,
        authors=authors,
        tags=list(dict.fromkeys(categories + tags)),
        summary=_plain(post.get("excerpt")) or yoast.get("og_description"),
        content_html=_rendered(post.get("content")) or None,
        image=image,
    )


def parse_wp_posts(
    json_text: str | bytes, url: str, bad_urls: list[str] | None = None
) -> list[NewsItem]:
    """Posts of one REST page; an error body (``{"code": ...}``) or bad JSON gives []. A
    link, canonical or image that is no readable URL costs only itself (the post, or that
    field) and is added to ``bad_urls`` when given."""
    try:
        data = json.loads(json_text)
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [
        item for post in data if isinstance(post, dict) and (item := _item(post, url, bad_urls))
    ]
