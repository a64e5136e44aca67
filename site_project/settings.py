"""Scholia settings: one module, driven by environment variables.

Every variable is read once through the helpers below. Defaults are only the
harmless ones (SQLite, local-memory cache, console email); anything secret or
host-specific is required unless ``DJANGO_DEBUG=1``.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0), not {value!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_origin(name: str) -> str:
    """``scheme://host[:port]`` from the environment, normalised; "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    problem = ImproperlyConfigured(
        f"{name} must be an origin: http(s)://, a host and an optional port, "
        f"with no path, query or user (e.g. https://scholia.example), not {raw!r}."
    )
    parts = urlsplit(raw)
    try:
        port = parts.port
    except ValueError as error:
        raise problem from error
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or parts.username is not None
        or parts.password is not None
    ):
        raise problem
    scheme, hostname = parts.scheme, parts.hostname
    host = f"[{hostname}]" if ":" in hostname else hostname
    if port is not None and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    return f"{scheme}://{host}"


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", default="dev-only-not-secret" if DEBUG else None
)
if not DEBUG and SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a real secret in production.")
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else None,
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "site_project",
    "home",
    "authors",
    "blog",
    "reviews",
    "papers",
    "sharing",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmarkdown",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # Lost database connection in a view → the 503 page (site_project/resilience.py).
    "site_project.resilience.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, auth and CSRF: a page-cache hit needs none of them.
    "home.cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.middleware.HideAdminPreviewsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_project.security.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it answers locked-out logins with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DJANGO_CONN_MAX_AGE", default="60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    # Redis down is an empty cache, not an error (site_project/resilience.py); sessions
    # stay in the database (Django's default), so logins survive it too.
    _default_cache = {
        "BACKEND": "site_project.resilience.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "scholia",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
else:
    # Without Redis, files on this host: every local process (runserver, the
    # publish_scheduled loop of `make run`, an import) shares them, so a publish
    # in one purges the page cache the others serve. Local memory would not.
    _default_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("DJANGO_CACHE_DIR", default=str(BASE_DIR / ".cache")),
    }
CACHES = {
    "default": _default_cache,
    # Renditions stay per-host: Wagtail 8.0.1 rewrites every rendition it reads
    # back to a shared cache, and a short timeout bounds staleness after a purge.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 600,
    },
}

# The full-page cache (home/cache/): anonymous pages stay fresh for
# SCHOLIA_PAGE_CACHE_SECONDS (search: SCHOLIA_PAGE_SEARCH_SECONDS) unless purged
# on publish, and are kept SCHOLIA_PAGE_STALE_SECONDS longer for database
# outages. Purges go through wagtail.contrib.frontend_cache to it and, with
# SCHOLIA_FRONTEND_CACHE_URL, to Varnish in front (README, "Performance").
SCHOLIA_PAGE_CACHE_SECONDS = int(env_str("SCHOLIA_PAGE_CACHE_SECONDS", "86400"))
SCHOLIA_PAGE_SEARCH_SECONDS = int(env_str("SCHOLIA_PAGE_SEARCH_SECONDS", "60"))
SCHOLIA_PAGE_STALE_SECONDS = int(env_str("SCHOLIA_PAGE_STALE_SECONDS", "86400"))
WAGTAILFRONTENDCACHE = {"pagecache": {"BACKEND": "home.cache.backend.PageCacheBackend"}}
if _frontend_cache_url := env_str("SCHOLIA_FRONTEND_CACHE_URL", ""):
    _http_backend = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": _http_backend,
        "LOCATION": _frontend_cache_url,
    }
# "app.model" -> functions naming the paths that show it (home/cache/purge.py);
# a page citing terms or episodes purges their pages too ("Used in").
_CITED = "reviews.purge.cited_snippet_paths"
SCHOLIA_PURGE_PATHS = {
    "blog.paperpostpage": ["blog.purge.post_paths", _CITED],
    "blog.blogindexpage": ["blog.purge.blog_index_paths"],
    "reviews.topicreviewpage": ["reviews.purge.topic_paths", _CITED],
    "reviews.glossaryterm": ["reviews.purge.term_paths"],
    "reviews.episode": ["reviews.purge.episode_paths"],
}
# A change on every page (settings, header) also purges these functions' paths.
SCHOLIA_PURGE_EVERY_PATH = ["blog.purge.every_path", "reviews.purge.every_path"]

_AUTH_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_AUTH_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_AUTH_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_AUTH_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_AUTH_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Media: local disk unless a bucket is named; then S3-compatible object storage
# (AWS S3, MinIO, R2, ...) that several app hosts share. Unset values fall back
# to boto3's own defaults (AWS_* variables, an instance role, the bucket's region).
S3_BUCKET = env_str("SCHOLIA_S3_BUCKET", default="")
if S3_BUCKET:
    _s3_access_key = env_str("SCHOLIA_S3_ACCESS_KEY_ID", default="") or None
    _s3_secret_key = env_str("SCHOLIA_S3_SECRET_ACCESS_KEY", default="") or None
    if bool(_s3_access_key) != bool(_s3_secret_key):
        raise ImproperlyConfigured(
            "Set both SCHOLIA_S3_ACCESS_KEY_ID and SCHOLIA_S3_SECRET_ACCESS_KEY, "
            "or neither."
        )
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("SCHOLIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("SCHOLIA_S3_REGION", default="") or None,
            "access_key": _s3_access_key,
            "secret_key": _s3_secret_key,
            "custom_domain": env_str("SCHOLIA_S3_CUSTOM_DOMAIN", default="") or None,
            # Off by default: signed URLs expire, and pages are cached and shared.
            "querystring_auth": env_bool("SCHOLIA_S3_QUERYSTRING_AUTH", default=False),
            "addressing_style": env_str("SCHOLIA_S3_ADDRESSING_STYLE", default="")
            or None,
            # Two uploads named figure.png must not share (and clobber) one object.
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        # Tests set this to Django's plain storage: they never run collectstatic.
        "BACKEND": env_str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_project.uploads.ImageForm"  # no 500 on bad files

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="scholia@localhost")

# Production hardening; all of it is inert under DEBUG (local HTTP).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(
    env_str("DJANGO_HSTS_SECONDS", default="0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview shows the page in a same-origin iframe; DENY breaks it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Cookies are also HttpOnly (the session's by default; Wagtail's admin reads the
# CSRF token from the page) and SameSite=Lax (Django's default for both).
CSRF_COOKIE_HTTPONLY = True
SCHOLIA_ADMIN_PATH = "/admin/"  # gets the admin's CSP (site_project/security.py)

# Login throttling (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username
# from one address lock that pair out for AXES_COOLOFF_TIME hours (README).
AUTHENTICATION_BACKENDS = [
    "site_project.security.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_str("SCHOLIA_LOGIN_FAILURE_LIMIT", default="5"))
AXES_COOLOFF_TIME = float(env_str("SCHOLIA_LOGIN_COOLOFF_HOURS", default="0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "site_project.security.client_ip"
if not SECURE_HSTS_PRELOAD:
    # Preloading is a promise the site's owner makes to browsers, not a default.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

# Wagtail
WAGTAIL_SITE_NAME = "Scholia"
# Where readers reach the site. Set, it roots every absolute URL the site prints
# (canonical, og:url, sitemap, feeds, robots.txt, JSON-LD) and the default Site
# record (updated on migrate); unset, each request's own scheme and host are used.
SCHOLIA_PUBLIC_ORIGIN = env_origin("SCHOLIA_PUBLIC_ORIGIN")
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# Wagtail's database backend: PostgreSQL full-text search with this text search
# configuration's stemmer ("caching" finds "cache"), FTS5 on SQLite. After
# changing it, rebuild the index (manage.py update_index). README: Elasticsearch.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env_str("SCHOLIA_SEARCH_CONFIG", default="english"),
    }
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "zip"]
TAGGIT_CASE_INSENSITIVE = True
# Snippets where Editors delete only their own never-published drafts
# (site_project/permissions.py); pages follow the same rule.
SCHOLIA_DRAFT_OWNER_MODELS = ["reviews.GlossaryTerm", "reviews.Episode"]

# The markdown pipeline. `reviews` plugs the [[term]] / E036 reference syntax in
# here by dotted path, so `home` renders references without importing `reviews`:
# a markdown-it plugin finds and renders them in the token stream, and the syntax
# object checks, indexes and (in rich text) links them from the same rules.
SCHOLIA_REFERENCE_SYNTAX = ["reviews.references.syntax", "papers.citations.syntax"]
SCHOLIA_MARKDOWN_PLUGINS: list[str] = [
    "reviews.references.markdown.references_plugin",
    "papers.citations.markdown.citations_plugin",
]
# Rendered text blocks (markdown + typeset math) live in the default cache keyed
# by their content, so a page view neither parses markdown nor runs KaTeX.
SCHOLIA_RENDER_CACHE_TIMEOUT = 60 * 60 * 24 * 30
WAGTAILMARKDOWN = {
    # Only the editor widget is wagtail-markdown's: rendering and its allowlist
    # are home/rendering/ (markdown-it-py, nh3). The toolbar must not fetch Font
    # Awesome from a CDN (the admin's CSP allows only this origin).
    "autodownload_fontawesome": False,
}
