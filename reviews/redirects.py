"""Old URLs of renamed terms and episodes redirect through wagtail.contrib.redirects."""

from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


def redirect_renamed(index_label: str, route: str, old_key: str, new_key: str) -> None:
    """Make ``route`` of ``old_key`` under the index page redirect to ``new_key``.

    The redirect targets the index page and a route path, so it follows the
    index if that moves. A redirect from the new address (a rename back) is
    removed: the page lives there again.
    """
    index = apps.get_model(index_label).objects.first()
    parts = index.get_url_parts() if index else None
    if parts is None:
        return
    site_id, _, page_path = parts
    site = Site.objects.filter(pk=site_id).first()
    old_path = Redirect.normalise_path(
        page_path + index.reverse_subpage(route, [old_key])
    )
    new_route = index.reverse_subpage(route, [new_key])
    new_path = Redirect.normalise_path(page_path + new_route)
    Redirect.objects.filter(site=site, old_path__in=[old_path, new_path]).delete()
    Redirect.add_redirect(
        old_path, redirect_to=index, page_route_path=new_route, site=site
    )
