"""Every page type can be created where it belongs, and renders."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from cms.blog.models import BlogIndexPage, BlogPage
from cms.countries.models import CountryIndexPage, CountryPage
from cms.events.models import EventIndexPage, EventPage
from cms.home.models import HomePage
from cms.standardpages.models import StandardPage
from cms.topics.models import TopicIndexPage
from tests import factories


class TestPageTree(WagtailPageTestCase):
    def test_where_each_page_type_may_be_created(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(CountryPage, {CountryIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(HomePage, TopicIndexPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)


@pytest.mark.django_db
def test_every_page_type_renders(client, home, blog_index, event_index, country_index, topic_index):
    topic = factories.TopicFactory(name="Jugend", slug="jugend")
    country = factories.CountryPageFactory(parent=country_index, title="Polen", slug="polen")
    post = factories.BlogPageFactory(parent=blog_index, topics=[topic], countries=[country])
    event = factories.EventPageFactory(parent=event_index, topics=[topic])
    about = factories.StandardPageFactory(parent=home, title="Über uns")
    pages = [home, blog_index, event_index, country_index, topic_index, country, post, event, about]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    assert client.get("/themen/jugend/").status_code == 200
    assert client.get("/themen/gibt-es-nicht/").status_code == 404
