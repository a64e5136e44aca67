"""CI only, run by .ci/production_stage through `manage.py shell -c`.

Sets up what the production stage checks, as a person would in the admin: an
uploaded image shown on a post (its hero image), a draft glossary term and a
live post that references it, and an editor's published edit of a demo post.
Prints one `key=value` line per URL or id the stage needs.
"""

import io
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import BlogIndexPage, PaperPostPage
from reviews.models import GlossaryTerm


def out(line: str) -> None:
    sys.stdout.write(line + "\n")


step = os.environ["CI_STEP"]
editor, _ = get_user_model().objects.get_or_create(username="ci-editor")
editor.groups.add(Group.objects.get(name="Moderators"))

if step == "setup":
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 630), (40, 90, 160)).save(buffer, "PNG")
    image = get_image_model()(title="CI hero", uploaded_by_user=editor)
    image.file = ImageFile(buffer, name="ci-hero.png")
    image.save()
    post = PaperPostPage.objects.get(slug="dapper")
    post.hero_image = image
    post.save_revision(user=editor).publish(user=editor)
    rendition = image.get_rendition("width-400")
    out("image_post=" + post.url)
    out("original=" + image.file.url)
    out("rendition=" + rendition.url)

    term = GlossaryTerm(
        term="CI probe", slug="ci-probe", definition="A term CI publishes.", live=False
    )
    term.full_clean()
    term.save()
    term.save_revision(user=editor)
    blog = BlogIndexPage.objects.get(slug="writing")
    probe = PaperPostPage(
        title="CI probe post",
        slug="ci-probe-post",
        dek="Refers to a term that is still a draft.",
        date="2020-01-01",
        body=[{"type": "markdown", "value": "The [[ci-probe]] term."}],
    )
    blog.add_child(instance=probe)
    # The admin refuses to publish an unknown reference; the shell may.
    probe.save_revision(clean=False).publish()
    out("probe_post=" + probe.url)

elif step == "publish-term":
    term = GlossaryTerm.objects.get(slug="ci-probe")
    term.save_revision(user=editor).publish(user=editor)
    out("term_url=/glossary/ci-probe/")

elif step == "edit-post":
    post = PaperPostPage.objects.get(slug="kafka")
    post.dek = "Edited by ci-editor; must survive restarts and seeding."
    post.save_revision(user=editor).publish(user=editor)
    out("edited_post=" + post.url)
    out("edited_dek=" + post.dek)
