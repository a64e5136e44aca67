"""Every role against every admin action, over HTTP, judged by its effect.

Each cell signs in as the role, makes the admin request a person would make
(form POSTs included) inside a transaction that is rolled back afterwards, and
records "yes" when the action took effect and "no" when it did not. The whole
table is then compared with the roles' intended one in a single assertion.
"""

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import PaperPostPage
from reviews.models import Episode, GlossaryTerm
from sharing.models import DraftShareLink
from tests.conftest import make_blog_index, make_episode, make_post, make_term

ROLES = ["anonymous", "no group", "Editor", "Moderator"]

# What the roles should allow: README, "Editing and review".
EXPECTED = {
    "page: create": "no no yes yes",
    "page: edit another's draft": "no no yes yes",
    "page: submit for review": "no no yes yes",
    "page: publish": "no no no yes",
    "page: unpublish": "no no no yes",
    "page: delete own draft": "no no yes yes",
    "page: delete another's draft": "no no no yes",
    "page: delete live": "no no no yes",
    "page: lock": "no no no yes",
    "page: share draft": "no no yes yes",
    "page: revoke own link": "no no yes yes",
    "page: revoke another's link": "no no no yes",
    "page: preview draft": "no no yes yes",
    "term: create": "no no yes yes",
    "term: edit another's draft": "no no yes yes",
    "term: publish": "no no no yes",
    "term: unpublish": "no no no yes",
    "term: delete own draft": "no no yes yes",
    "term: delete another's draft": "no no no yes",
    "term: delete live": "no no no yes",
    "term: preview draft": "no no yes yes",
    "episode: create": "no no yes yes",
    "episode: edit another's draft": "no no yes yes",
    "episode: publish": "no no no yes",
    "episode: delete own draft": "no no yes yes",
    "episode: delete another's draft": "no no no yes",
    "episode: delete live": "no no no yes",
}


class PermissionMatrixTests(TestCase):
    """The admin enforces the roles for pages, glossary terms and episodes."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.users = {"anonymous": None}
        for role, group in [
            ("no group", None),
            ("Editor", "Editors"),
            ("Moderator", "Moderators"),
        ]:
            user = User.objects.create_user(role.replace(" ", ""), password="pw")
            if group:
                user.groups.add(Group.objects.get(name=group))
            cls.users[role] = user
        cls.author = User.objects.create_user("author", password="pw")
        cls.author.groups.add(Group.objects.get(name="Editors"))

    # -- helpers ---------------------------------------------------------

    def post_data(self, title: str, slug: str) -> dict:
        return nested_form_data(
            {
                "title": title,
                "slug": slug,
                "dek": "Dek.",
                "date": "2025-01-01",
                "tags": "",
                "body": streamfield([("markdown", "Text.")]),
                "comments": inline_formset([]),
                "post_authors": inline_formset([]),
                "discussed_papers": inline_formset([]),
            }
        )

    def draft_post(self, owner, **fields) -> PaperPostPage:
        post = make_post(self.blog, live=False, **fields)
        Page.objects.filter(pk=post.pk).update(owner=owner)
        return PaperPostPage.objects.get(pk=post.pk)

    def live_post(self) -> PaperPostPage:
        return make_post(self.blog, title="Live post")

    def snippet_draft(self, model, creator, **fields):
        maker = make_term if model is GlossaryTerm else make_episode
        first = "Draft term" if model is GlossaryTerm else "E901"
        obj = maker(first, live=False, **fields)
        obj.save_revision(user=creator)
        return obj

    def snippet_url(self, model, view: str, *args) -> str:
        name = model._meta.model_name
        return reverse(f"wagtailsnippets_reviews_{name}:{view}", args=args)

    def snippet_data(self, model, **overrides) -> dict:
        if model is GlossaryTerm:
            data = {"term": "New term", "slug": "new-term", "aliases": ""}
            data |= {"definition": "Means something.", "explanation": ""}
        else:
            data = {"code": "E950", "title": "New episode", "date": "2025-02-01"}
            data |= {"summary": "", "papers": inline_formset([])}
        return nested_form_data({**data, **overrides})

    def exists(self, model, pk) -> bool:
        return model.objects.filter(pk=pk).exists()

    # -- page actions --------------------------------------------------

    def page_create(self, user):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["blog", "paperpostpage", self.blog.pk],
        )
        self.client.post(url, self.post_data("Created", "created"))
        return PaperPostPage.objects.filter(slug="created").exists()

    def page_edit(self, user):
        post = self.draft_post(self.author, title="Theirs")
        url = reverse("wagtailadmin_pages:edit", args=[post.pk])
        self.client.post(url, self.post_data("Edited", post.slug))
        latest = Page.objects.get(pk=post.pk).get_latest_revision_as_object()
        return latest.title == "Edited"

    def page_submit(self, user):
        post = self.draft_post(self.author)
        url = reverse("wagtailadmin_pages:edit", args=[post.pk])
        data = {**self.post_data("Submitted", post.slug), "action-submit": "1"}
        self.client.post(url, data)
        return WorkflowState.objects.filter(object_id=str(post.pk)).exists()

    def page_publish(self, user):
        post = self.draft_post(self.author)
        url = reverse("wagtailadmin_pages:edit", args=[post.pk])
        data = {**self.post_data("Published", post.slug), "action-publish": "1"}
        self.client.post(url, data)
        return Page.objects.get(pk=post.pk).live

    def page_unpublish(self, user):
        post = self.live_post()
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[post.pk]))
        return not Page.objects.get(pk=post.pk).live

    def page_delete(self, post):
        self.client.post(reverse("wagtailadmin_pages:delete", args=[post.pk]))
        return not self.exists(Page, post.pk)

    def page_lock(self, user):
        post = self.draft_post(self.author)
        self.client.post(reverse("wagtailadmin_pages:lock", args=[post.pk]))
        return Page.objects.get(pk=post.pk).locked

    def page_share(self, user):
        post = self.draft_post(self.author)
        self.client.post(reverse("draft_share_links", args=[post.pk]), {"days": "7"})
        return DraftShareLink.objects.filter(page=post).exists()

    def page_revoke(self, creator):
        post = self.draft_post(self.author)
        link = DraftShareLink.objects.create(
            page=post,
            created_by=creator,
            expires_at=timezone.now() + timezone.timedelta(days=7),
        )
        self.client.post(reverse("draft_share_revoke", args=[link.pk]))
        link.refresh_from_db()
        return link.revoked_at is not None

    def page_preview(self, user):
        post = self.draft_post(self.author, title="Secret draft")
        response = self.client.get(
            reverse("wagtailadmin_pages:view_draft", args=[post.pk])
        )
        return response.status_code == 200 and b"Secret draft" in response.content

    # -- snippet actions -------------------------------------------------

    def snippet_create(self, model):
        self.client.post(self.snippet_url(model, "add"), self.snippet_data(model))
        return (
            model.objects.exclude(live=True)
            .filter(
                **({"slug": "new-term"} if model is GlossaryTerm else {"code": "E950"})
            )
            .exists()
        )

    def snippet_edit(self, model):
        obj = self.snippet_draft(model, self.author)
        field = "definition" if model is GlossaryTerm else "title"
        data = (
            {"term": obj.term, "slug": obj.slug, field: "Edited."}
            if model is GlossaryTerm
            else {"code": obj.code, field: "Edited."}
        )
        self.client.post(
            self.snippet_url(model, "edit", obj.pk), self.snippet_data(model, **data)
        )
        latest = model.objects.get(pk=obj.pk).get_latest_revision_as_object()
        return getattr(latest, field) == "Edited."

    def snippet_publish(self, model):
        obj = self.snippet_draft(model, self.author)
        data = (
            {"term": obj.term, "slug": obj.slug}
            if model is GlossaryTerm
            else {"code": obj.code}
        )
        self.client.post(
            self.snippet_url(model, "edit", obj.pk),
            {**self.snippet_data(model, **data), "action-publish": "1"},
        )
        return model.objects.get(pk=obj.pk).live

    def snippet_unpublish(self, model):
        obj = make_term("Live term") if model is GlossaryTerm else make_episode("E902")
        self.client.post(self.snippet_url(model, "unpublish", obj.pk))
        return not model.objects.get(pk=obj.pk).live

    def snippet_delete(self, model, obj):
        self.client.post(self.snippet_url(model, "delete", obj.pk))
        return not self.exists(model, obj.pk)

    def snippet_preview(self, model):
        obj = self.snippet_draft(model, self.author)
        revision = obj.latest_revision
        response = self.client.get(
            self.snippet_url(model, "revisions_view", obj.pk, revision.pk)
        )
        return response.status_code == 200 and obj.term.encode() in response.content

    # -- the matrix ------------------------------------------------------

    def actions(self):
        def own_draft(user):
            return self.draft_post(user if user else self.author, title="Mine")

        yield "page: create", self.page_create
        yield "page: edit another's draft", self.page_edit
        yield "page: submit for review", self.page_submit
        yield "page: publish", self.page_publish
        yield "page: unpublish", self.page_unpublish
        yield "page: delete own draft", lambda u: self.page_delete(own_draft(u))
        yield (
            "page: delete another's draft",
            lambda u: self.page_delete(self.draft_post(self.author)),
        )
        yield "page: delete live", lambda u: self.page_delete(self.live_post())
        yield "page: lock", self.page_lock
        yield "page: share draft", self.page_share
        yield "page: revoke own link", lambda u: self.page_revoke(u)
        yield "page: revoke another's link", lambda u: self.page_revoke(self.author)
        yield "page: preview draft", self.page_preview
        for label, model in [("term", GlossaryTerm), ("episode", Episode)]:
            yield f"{label}: create", lambda u, m=model: self.snippet_create(m)
            yield (
                f"{label}: edit another's draft",
                lambda u, m=model: self.snippet_edit(m),
            )
            yield f"{label}: publish", lambda u, m=model: self.snippet_publish(m)
            if model is GlossaryTerm:
                yield (
                    f"{label}: unpublish",
                    lambda u, m=model: self.snippet_unpublish(m),
                )
            yield (
                f"{label}: delete own draft",
                lambda u, m=model: self.snippet_delete(
                    m, self.snippet_draft(m, u or self.author)
                ),
            )
            yield (
                f"{label}: delete another's draft",
                lambda u, m=model: self.snippet_delete(
                    m, self.snippet_draft(m, self.author)
                ),
            )
            yield (
                f"{label}: delete live",
                lambda u, m=model: self.snippet_delete(
                    m,
                    make_term("Live term")
                    if m is GlossaryTerm
                    else make_episode("E903"),
                ),
            )
            if model is GlossaryTerm:
                yield (
                    f"{label}: preview draft",
                    lambda u, m=model: self.snippet_preview(m),
                )

    def run_cell(self, role: str, action) -> str:
        user = self.users[role]
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        with transaction.atomic():
            allowed = action(user)
            transaction.set_rollback(True)
        return "yes" if allowed else "no"

    def test_roles_match_the_documented_matrix(self):
        seen = {
            name: " ".join(self.run_cell(role, action) for role in ROLES)
            for name, action in self.actions()
        }
        self.maxDiff = None
        self.assertEqual(seen, EXPECTED)


class DeleteButtonTests(TestCase):
    """Editors are offered "Delete" only where they may use it, and bulk delete
    follows the same rule."""

    @classmethod
    def setUpTestData(cls):
        blog = make_blog_index()
        editors = Group.objects.get(name="Editors")
        cls.editor = User.objects.create_user("ed", password="pw")
        cls.other = User.objects.create_user("other", password="pw")
        for user in (cls.editor, cls.other):
            user.groups.add(editors)
        cls.mine = make_post(blog, live=False, title="Mine")
        cls.theirs = make_post(blog, live=False, title="Theirs")
        Page.objects.filter(pk=cls.mine.pk).update(owner=cls.editor)
        Page.objects.filter(pk=cls.theirs.pk).update(owner=cls.other)

    def setUp(self):
        self.client.force_login(self.editor)

    def delete_offered(self, page) -> bool:
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        delete_url = reverse("wagtailadmin_pages:delete", args=[page.pk])
        return delete_url.encode() in response.content

    def test_delete_is_offered_on_the_editors_own_draft(self):
        self.assertIs(self.delete_offered(self.mine), True)

    def test_delete_is_not_offered_on_another_editors_draft(self):
        self.assertIs(self.delete_offered(self.theirs), False)

    def test_bulk_delete_of_another_editors_draft_is_refused(self):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        self.client.post(f"{url}?id={self.theirs.pk}&id={self.mine.pk}")
        self.assertIs(Page.objects.filter(pk=self.theirs.pk).exists(), True)
        self.assertIs(Page.objects.filter(pk=self.mine.pk).exists(), True)

    def test_bulk_delete_of_own_drafts_works(self):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        self.client.post(f"{url}?id={self.mine.pk}")
        self.assertIs(Page.objects.filter(pk=self.mine.pk).exists(), False)
