"""Small reader fixes: the previous/next chain and the glossary's A-Z."""

import datetime

from django.test import TestCase

from tests.conftest import (
    make_blog_index,
    make_post,
    make_reviews_tree,
    make_term,
)


class PostChainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        blog = make_blog_index()
        day = datetime.date(2025, 1, 1)
        cls.posts = [
            make_post(blog, title=f"Same day {n}", date=day) for n in range(3)
        ] + [make_post(blog, title="Next day", date=day + datetime.timedelta(1))]

    def test_every_post_sharing_a_date_is_in_the_chain(self):
        chain, post = [], self.posts[0]
        while post is not None:
            chain.append(post.pk)
            post = post.next_post()
        self.assertEqual(chain, [post.pk for post in self.posts])

    def test_previous_walks_the_same_chain_backwards(self):
        chain, post = [], self.posts[-1]
        while post is not None:
            chain.append(post.pk)
            post = post.previous_post()
        self.assertEqual(chain, [post.pk for post in reversed(self.posts)])


class GlossaryLettersTests(TestCase):
    def test_terms_are_filed_a_to_z_whatever_their_case(self):
        glossary, _, _ = make_reviews_tree()
        for term in ("Zipf law", "kv cache", "Attention", "KV head"):
            make_term(term)
        response = self.client.get(glossary.url)
        body = response.content.decode()
        self.assertEqual(body.count('id="letter-K"'), 1)
        order = [body.index(term) for term in ("Attention", "kv cache", "Zipf law")]
        self.assertEqual(order, sorted(order))
