"""The public share-link route, included by the site's URLconf."""

from django.urls import path

from sharing.views import draft_share

urlpatterns = [path("<str:token>/", draft_share, name="draft_share")]
