"""Site-wide pages: search, robots.txt, 404, and the chrome every page shares."""

import datetime

import pytest

from tests import factories


@pytest.mark.django_db
def test_search_finds_a_post_by_a_word_in_its_body(client, blog_index):
    factories.BlogPageFactory(
        parent=blog_index,
        title="Feuerwehraustausch",
        body='[{"type": "paragraph", "value": "<p>Einsatzkräfte besuchen Kecskemét.</p>"}]',
    )
    response = client.get("/suche/?q=Kecskemét")
    assert response.status_code == 200
    assert [r.title for r in response.context["results"]] == ["Feuerwehraustausch"]


@pytest.mark.django_db
def test_admin_login_page_answers(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_without_query_shows_the_form_only(client, home):
    response = client.get("/suche/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_unknown_url_gets_a_german_404_page(client, home):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_every_page_has_skip_link_landmarks_and_german_language(client, home):
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


@pytest.mark.django_db
def test_pages_make_no_third_party_requests(client, home, blog_index):
    factories.BlogPageFactory(parent=blog_index, header_image=factories.ImageFactory())
    for url in ["/", "/blog/"]:
        html = client.get(url).content.decode()
        sources = [part.split('"')[1] for part in html.split("src=")[1:]]
        sources += [part.split('"')[1] for part in html.split('rel="stylesheet" href=')[1:]]
        assert all(src.startswith("/") for src in sources), sources


@pytest.mark.django_db
def test_site_stays_german_for_an_english_browser(client, blog_index):
    factories.BlogPageFactory(parent=blog_index, date=datetime.date(2026, 10, 17))
    html = client.get("/blog/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="de">' in html
    assert "17. Oktober 2026" in html
