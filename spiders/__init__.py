"""Scrapy side of partnerwire: settings, items, page parsers and the spiders."""
