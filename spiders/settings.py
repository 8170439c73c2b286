"""Scrapy settings for partnerwire: a polite crawler for a handful of partner sites."""

BOT_NAME = "partnerwire"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# One spider per source of sources.toml (``scrapy list``), each of its family's class.
SPIDER_LOADER_CLASS = "spiders.loader.SourceSpiderLoader"
# scrapy crawl/list/check as Scrapy's, with a user's mistake said in one line.
COMMANDS_MODULE = "pipeline.scrapy_commands"
# scrapy check: @source_url asks for the page a callback reads, as each source configures it.
SPIDER_CONTRACTS = {"spiders.contracts.SourceUrlContract": 10}

# Identify ourselves, obey robots.txt, stay gentle: never more than a few requests per site.
USER_AGENT = (
    "partnerwire/0.1 (+https://github.com/partnerwire/partnerwire; news wire for partner sites)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Scrapy's AutoThrottle lowers its delay on 200 answers only; ours counts a 304 as one too,
# so an unchanged re-crawl is not held at AUTOTHROTTLE_START_DELAY (spiders/throttle.py).
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "spiders.throttle.NotModifiedThrottle": 0,
    # a Scrapyd job's run record, the last line of its JSON-lines output (before the
    # feed exporter at 0 closes the file: spiders/job_output.py)
    "spiders.job_output.CrawlRecordExport": -10,
}
DOWNLOAD_TIMEOUT = 30

# The crawl goes only where the source lives: http(s) only (no file:, s3:, ftp:, data:),
# and only the source's own hosts, redirects included (spiders/middlewares.py).
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}
DOWNLOADER_MIDDLEWARES = {"spiders.middlewares.SourceHostsMiddleware": 40}

# A hard cap on page size: a news page or feed is never 10 MB.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Retries on 5xx and time-outs; the back-off between them comes from AutoThrottle.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Re-crawls ask "changed since?" (If-None-Match / If-Modified-Since) and reuse the stored
# body on 304: see spiders/cache.py. HTTPCACHE_DIR is set next to the archive by the CLI.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "spiders.cache.RevalidatePolicy"
# one file per cached page instead of Scrapy's seven (file creation is slow on some disks)
HTTPCACHE_STORAGE = "spiders.cache.OneFileCacheStorage"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [301, 302, 303, 307, 308, 400, 401, 403, 404, 410, 429]

# Scrapy reads each callback's source code again on every response to warn about a
# generator's "return value" (its cache is keyed by bound methods, which never hit):
# about 1 ms a page spent on a coding mistake, not on the site
WARN_ON_GENERATOR_RETURN_VALUE = False

# Scrapy starts CONCURRENT_ITEMS worker tasks for each response's output, however little
# it holds (a post page gives one item); our item pipelines are synchronous, so 100
# (the default) buys nothing and costs about 1.5 ms a page
CONCURRENT_ITEMS = 8

# News sites need no cookies (and the cookie jar would try to fetch the public suffix list).
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "pipeline.scrapy_pipelines.NormalisePipeline": 100,
    "pipeline.scrapy_pipelines.ArchivePipeline": 800,
}
# With ARCHIVE_ENABLED = False (a Scrapyd job), items go out as JSON lines through the
# feed exports (FEEDS) and CrawlRecordExport (in EXTENSIONS above) adds the run's record
# as the last line.

# partnerwire's own settings (prefixed by component, read in from_crawler):
ARCHIVE_PATH = "archive.db"
ARCHIVE_ENABLED = True
ARCHIVE_LOCK = True  # scrapy crawl holds <archive>.lock; partnerwire crawl holds it itself
# items are written in one transaction per this many items or seconds, whichever is first
ARCHIVE_BATCH_ITEMS = 200
ARCHIVE_BATCH_SECONDS = 1.0
SOURCES_FILE = None  # None: the sources.toml at the project root
SOURCES_BASE_URLS: dict[str, str] = {}  # {"dthlab": "http://127.0.0.1:8001"}: fetch from there
WORDPRESS_PER_PAGE = 10  # WordPress's own default page size for /wp-json/wp/v2/posts
MAX_PAGES = 50  # stop following a listing's or a feed's "next" pages after this many
MAX_SITEMAPS = 100  # child sitemaps followed per source, at most
MAX_SITEMAP_URLS = 50_000  # page URLs taken from sitemaps per source, at most
# render = "browser" sources: the Chromium to drive (None: chromium or chromium-browser on
# PATH; "": none, as on a machine without one); see spiders/rendering.py
BROWSER_EXECUTABLE = None

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
