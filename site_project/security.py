"""Response headers and request facts the security settings rely on.

Two Content-Security-Policies: a strict one for the public site, which ships
no JavaScript of its own, and a looser one for Wagtail's admin, whose form
widgets (date pickers, inline panels) print inline scripts that cannot carry
a nonce without forking Wagtail's templates.
"""

from axes.backends import AxesBackend
from django.conf import settings

# 'unsafe-inline' for styles only: KaTeX's HTML output sets per-formula heights
# and offsets in style attributes (different values in every formula, so hashes
# would need 'unsafe-hashes' and one hash per value), and the social-card
# preview uses style attributes. Markdown cannot add a style attribute (nh3
# strips it), and styles cannot run script.
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    # Live preview and the chooser modals load same-origin frames.
    "frame-src": ["'self'"],
}


def header_value(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the admin's or the public site's Content-Security-Policy to every
    response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = header_value(PUBLIC_POLICY)
        self.admin = header_value(ADMIN_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            in_admin = request.path.startswith(settings.SCHOLIA_ADMIN_PATH)
            response["Content-Security-Policy"] = (
                self.admin if in_admin else self.public
            )
        return response


def client_ip(request) -> str:
    """The address the front server saw: the last X-Forwarded-For entry, which
    nginx appends ($proxy_add_x_forwarded_for), else the socket's peer.

    Safe because gunicorn is reachable only through the front server (README,
    "Production"); login throttling counts failures per username and this IP.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")


class LoginThrottlingBackend(AxesBackend):
    """django-axes' lockout check for logins made over HTTP.

    AxesBackend, not the standalone one, so that it can also load a session's
    user: Wagtail's page test helpers sign in with the first backend listed.

    ``authenticate()`` without a request (a shell, a management command, the
    test client's ``login()``) has no client address to count failures
    against, so it is passed on to the next backend instead of refused.
    Every login view passes the request, so they are all throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
