"""Filling a paper from arXiv, Crossref or DataCite (HTTP mocked with the
services' documented response formats), and importing BibTeX idempotently."""

from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from papers import lookup
from papers.models import Paper

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "papers"


def client_for(routes: dict[str, tuple[int, str]]) -> httpx.Client:
    """An httpx client whose transport answers from fixture files by host."""

    def handler(request: httpx.Request) -> httpx.Response:
        status, name = routes[request.url.host]
        return httpx.Response(status, content=(FIXTURES / name).read_bytes())

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2312.00752", ("arxiv", "2312.00752")),
        ("https://arxiv.org/abs/2312.00752v2", ("arxiv", "2312.00752v2")),
        ("arXiv:2312.00752", ("arxiv", "2312.00752")),
        ("10.1145/3600006.3613165", ("doi", "10.1145/3600006.3613165")),
        ("https://doi.org/10.1145/3600006.3613165", ("doi", "10.1145/3600006.3613165")),
    ],
)
def test_identifiers_are_read_from_ids_and_urls(text, expected):
    assert lookup.parse_identifier(text) == expected


def test_text_that_is_no_identifier_is_refused_clearly():
    with pytest.raises(lookup.LookupFailed, match="neither an arXiv id"):
        lookup.parse_identifier("mamba paper")


def test_arxiv_atom_entry_fills_title_authors_year_and_abstract():
    http = client_for({"export.arxiv.org": (200, "arxiv_2312.00752.xml")})
    found = lookup.lookup("https://arxiv.org/abs/2312.00752", client=http)
    assert found["title"] == (
        "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"
    )
    assert found["authors"] == ["Albert Gu", "Tri Dao"]
    assert found["year"] == 2023
    assert found["venue_kind"] == "preprint"
    assert found["abstract"].startswith("Foundation models, now powering")


def test_an_unknown_arxiv_id_is_a_clear_error():
    http = client_for({"export.arxiv.org": (200, "arxiv_empty.xml")})
    with pytest.raises(lookup.LookupFailed, match="arXiv has no paper 9912.99999"):
        lookup.lookup("9912.99999", client=http)


def test_crossref_work_fills_a_conference_paper():
    http = client_for(
        {"api.crossref.org": (200, "crossref_10.1145_3600006.3613165.json")}
    )
    found = lookup.lookup("https://doi.org/10.1145/3600006.3613165", client=http)
    assert found["authors"][:2] == ["Woosuk Kwon", "Zhuohan Li"]
    assert found["year"] == 2023
    assert found["venue"].startswith("Proceedings of the 29th Symposium")
    assert found["venue_kind"] == "conference"
    assert found["abstract"].startswith("High throughput serving")


def test_a_doi_crossref_lacks_is_read_from_datacite():
    http = client_for(
        {
            "api.crossref.org": (404, "arxiv_empty.xml"),
            "api.datacite.org": (200, "datacite_10.48550_arxiv.2501.00663.json"),
        }
    )
    found = lookup.lookup("10.48550/arXiv.2501.00663", client=http)
    assert found["title"] == "Titans: Learning to Memorize at Test Time"
    assert found["authors"] == ["Ali Behrouz", "Peilin Zhong", "Vahab Mirrokni"]
    assert found["arxiv_id"] == "2501.00663"


def test_offline_is_an_error_an_editor_can_act_on():
    def offline(request):
        raise httpx.ConnectError("Name or service not known", request=request)

    http = httpx.Client(transport=httpx.MockTransport(offline))
    with pytest.raises(lookup.LookupFailed, match="Could not reach arXiv"):
        lookup.lookup("2312.00752", client=http)


def test_answers_are_cached():
    calls = []

    def handler(request):
        calls.append(request.url)
        return httpx.Response(
            200, content=(FIXTURES / "arxiv_2312.00752.xml").read_bytes()
        )

    for _ in range(2):
        lookup.lookup(
            "2312.00752", client=httpx.Client(transport=httpx.MockTransport(handler))
        )
    assert len(calls) == 1


@pytest.mark.django_db
def test_admin_lookup_view_answers_editors_with_json(client, monkeypatch):
    monkeypatch.setattr(lookup, "TIMEOUT", httpx.Timeout(0.01))
    monkeypatch.setattr(
        "papers.views.lookup",
        lambda text: lookup.lookup(
            text, client=client_for({"export.arxiv.org": (200, "arxiv_2312.00752.xml")})
        ),
    )
    user = get_user_model().objects.create_superuser("admin", "a@b.c", "pw")
    client.force_login(user)
    response = client.get(reverse("papers_lookup"), {"identifier": "2312.00752"})
    assert response.json()["authors"] == ["Albert Gu", "Tri Dao"]
    bad = client.get(reverse("papers_lookup"), {"identifier": "nothing"})
    assert bad.status_code == 400
    assert "neither an arXiv id" in bad.json()["error"]


BIB = r"""
@inproceedings{kwon2023efficient,
  title = {Efficient Memory Management for Large Language Model Serving
           with {PagedAttention}},
  author = {Kwon, Woosuk and Li, Zhuohan},
  booktitle = {SOSP},
  year = {2023},
  doi = {10.1145/3600006.3613165},
}
@misc{gu2023mamba,
  title = {Mamba: Linear-Time Sequence Modeling with Selective State Spaces},
  author = {Gu, Albert and Dao, Tri},
  year = {2023},
  eprint = {2312.00752},
  archivePrefix = {arXiv},
}
"""


@pytest.mark.django_db
def test_import_bibtex_creates_published_papers_once(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    call_command("import_bibtex", str(bib), stdout=StringIO())
    output = StringIO()
    call_command("import_bibtex", str(bib), stdout=output)
    assert "0 paper(s) created." in output.getvalue()
    assert Paper.objects.count() == 2
    mamba = Paper.objects.get(citation_key="gu2023mamba")
    assert mamba.live is True
    assert mamba.author_names() == ["Albert Gu", "Tri Dao"]
    assert mamba.arxiv_id == "2312.00752"
    kwon = Paper.objects.get(citation_key="kwon2023efficient")
    assert kwon.title.endswith("Model Serving with PagedAttention")
    assert (kwon.venue, kwon.venue_kind, kwon.doi) == (
        "SOSP",
        "conference",
        "10.1145/3600006.3613165",
    )
