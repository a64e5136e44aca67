"""Adds generated posts to the blog quickly, through the page tree API.

Run inside the benchmark's site (``manage.py shell -c``) with BENCH_POSTS set:
the blog index gains live posts until it holds that many, in one transaction.
Each post goes in with treebeard's ``add_child`` (``bulk_create`` cannot write
multi-table inheritance), with two tags and a short markdown body, and no
revision (readers never see one).
"""

import datetime
import os

from django.db import transaction

from blog.models import BlogIndexPage, PaperPostPage

target = int(os.environ["BENCH_POSTS"])
blog = BlogIndexPage.objects.get(slug="writing")
have = PaperPostPage.objects.child_of(blog).count()
start = datetime.date(2015, 1, 1)
with transaction.atomic():
    for number in range(have, target):
        post = PaperPostPage(
            title=f"Generated post {number}",
            slug=f"generated-{number}",
            dek=f"A generated post, number {number}.",
            date=start + datetime.timedelta(days=number % 3000),
            body=[{"type": "markdown", "value": f"Generated text {number}."}],
            live=True,
        )
        post.tags.add("Generated", f"batch-{number % 50}")
        blog.add_child(instance=post)
print(PaperPostPage.objects.child_of(blog).count())
