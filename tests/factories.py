"""Factories for the content model. Pages are added under a parent given as `parent=`."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.blog.models import BlogIndexPage, BlogPage
from cms.countries.models import CountryIndexPage, CountryPage
from cms.events.models import EventIndexPage, EventPage
from cms.home.models import HomePage
from cms.people.models import ContactPerson
from cms.standardpages.models import StandardPage
from cms.taxonomy.models import TargetGroup, Topic
from cms.topics.models import TopicIndexPage


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Topic
        django_get_or_create = ["slug"]


class TargetGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Zielgruppe {n}")

    class Meta:
        model = TargetGroup


class ContactPersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Referentin"
    email = factory.LazyAttribute(lambda o: f"{slugify(o.name)}@example.org")

    class Meta:
        model = ContactPerson


class ImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.LazyFunction(get_test_image_file)

    class Meta:
        model = get_image_model()


class PageFactory(factory.django.DjangoModelFactory):
    """Creates the page as a published child of `parent`."""

    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class HomePageFactory(PageFactory):
    title = "Startseite"
    introduction = "<p>Willkommen</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage


class BlogIndexPageFactory(PageFactory):
    title = "Blog"

    class Meta:
        model = BlogIndexPage


class BlogPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    teaser = "Ein kurzer Anreißer."
    date = factory.LazyFunction(timezone.localdate)
    body = '[{"type": "paragraph", "value": "<p>Text des Beitrags.</p>"}]'

    class Meta:
        model = BlogPage


class CountryIndexPageFactory(PageFactory):
    title = "Länder"

    class Meta:
        model = CountryIndexPage


class CountryPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Land {n}")
    iso_code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    introduction = "<p>Einleitung</p>"

    class Meta:
        model = CountryPage


def in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventIndexPageFactory(PageFactory):
    title = "Veranstaltungen"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    event_type = "seminar"
    format = "online"
    online_platform = "BigBlueButton"
    start = factory.LazyFunction(lambda: in_days(14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    registration_url = "https://anmeldung.example.org/"

    class Meta:
        model = EventPage


class TopicIndexPageFactory(PageFactory):
    title = "Themen"

    class Meta:
        model = TopicIndexPage
