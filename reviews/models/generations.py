"""Generations: a token per name that changes whenever the data behind it does."""

import uuid

from django.db import models


class Generation(models.Model):
    """The current token of one derived table (e.g. the reference table).

    Changed in the same transaction as the data it stands for, so every
    process that reads a new token also sees the new data. Tokens are random,
    not counters: a rolled-back change can never reuse a number that some
    process has already paired with the data of that transaction.
    """

    name = models.CharField(max_length=50, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.name}: {self.token}"

    @classmethod
    def current(cls, name: str) -> str:
        """The token now (one indexed query); "" until the first change."""
        return (
            cls.objects.filter(name=name).values_list("token", flat=True).first() or ""
        )

    @classmethod
    def bump(cls, name: str) -> str:
        """Give ``name`` a new token (one statement, safe under concurrency)."""
        token = uuid.uuid4().hex
        if not cls.objects.filter(name=name).update(token=token):
            cls.objects.bulk_create(
                [cls(name=name, token=token)],
                update_conflicts=True,
                unique_fields=["name"],
                update_fields=["token"],
            )
        return token
