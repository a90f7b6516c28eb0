"""The demo site: settings, taxonomy, people, countries, posts, events and standard pages."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from cms.blog.models import BlogIndexPage, BlogPage
from cms.core.models import SiteSettings
from cms.countries.models import CountryIndexPage, CountryPage, Partnership
from cms.events.models import EventIndexPage, EventPage
from cms.home.models import HomePage
from cms.people.models import ContactPerson
from cms.standardpages.models import StandardPage
from cms.taxonomy.models import TargetGroup, Topic
from cms.topics.models import TopicIndexPage

from . import texts
from .images import demo_image
from .pages import (
    add_child_once,
    child_page,
    paragraphs,
    point_default_site_at,
    replace_welcome_page,
    stream,
)

BERLIN = ZoneInfo("Europe/Berlin")


def seed_content():
    home = seed_home()
    site = point_default_site_at(home)
    seed_taxonomy()
    people = seed_people()
    countries = seed_countries(home, people)
    seed_posts(home, people, countries)
    seed_events(home, countries)
    child_page(home, TopicIndexPage, "themen", title="Themen", show_in_menus=True)
    seed_standard_pages(home, site)
    return home


def seed_home():
    home = HomePage.objects.first()
    if home:
        return home
    replace_welcome_page()
    return child_page(
        Page.get_first_root_node(),
        HomePage,
        "home",
        title="Städtepartnerschaften lebendig halten",
        introduction=texts.HOME_INTRO,
        newsletter_title="Unser Newsletter",
        newsletter_text="Viermal im Jahr: Neues aus dem Netzwerk, Termine und Praxisbeispiele.",
    )


def seed_taxonomy():
    for name, slug, description in texts.TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    for name in texts.TARGET_GROUPS:
        TargetGroup.objects.get_or_create(name=name)


def seed_people():
    people = {}
    for person in texts.PEOPLE:
        defaults = {**person, "organisation": texts.ORGANISATION["organisation_name"]}
        people[person["name"]], _ = ContactPerson.objects.get_or_create(
            name=person["name"], defaults=defaults
        )
    return people


def seed_countries(home, people):
    index = child_page(
        home,
        CountryIndexPage,
        "laender",
        title="Länderschwerpunkte",
        show_in_menus=True,
        introduction="<p>Sieben Länder stehen im Mittelpunkt unserer Arbeit.</p>",
    )
    return {
        data["slug"]: seed_country(index, data, people, seed)
        for seed, data in enumerate(texts.COUNTRIES)
    }


def seed_country(index, data, people, seed):
    existing = CountryPage.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    image = demo_image(f"Länderbild {data['title']}", f"Stadtansicht, {data['title']}", seed)
    page = CountryPage(
        title=data["title"],
        slug=data["slug"],
        iso_code=data["iso"],
        teaser=data["teaser"],
        introduction=f"<p>{data['intro']}</p>",
        header_image=image,
        header_image_alt=f"Gezeichnete Stadtsilhouette für {data['title']}",
        body=stream(*paragraphs([data["intro"], texts.ABOUT_TEXT])),
    )
    page.contact_persons = [people[data["contact"]]]
    page.partnerships = [
        Partnership(municipality=ours, partner_municipality=theirs, since=since)
        for ours, theirs, since in data["partnerships"]
    ]
    return add_child_once(index, page)


def seed_posts(home, people, countries):
    index = child_page(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        show_in_menus=True,
        introduction="<p>Berichte, Beispiele und Hintergründe aus dem Netzwerk.</p>",
    )
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    authors = list(people.values())
    for number, post in enumerate(texts.POSTS):
        seed_post(index, post, number, topics, countries, authors[number % len(authors)])


def seed_post(index, post, number, topics, countries, author):
    title, slug, days_ago, teaser, body, topic_slugs, country_slugs = post
    if BlogPage.objects.filter(slug=slug).exists():
        return
    image = demo_image(f"Beitragsbild {title}", f"Illustration zu „{title}“", 100 + number)
    page = BlogPage(
        title=title,
        slug=slug,
        teaser=teaser,
        header_image=image,
        header_image_alt=f"Illustration: Stadtsilhouette zum Beitrag „{title}“",
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        body=stream(
            *paragraphs(body),
            (
                "quote",
                {
                    "text": (
                        "Partnerschaft heißt: einander besuchen, zuhören und gemeinsam handeln."
                    ),
                    "attribution": author.name,
                },
            ),
        ),
    )
    page.topics = [topics[slug] for slug in topic_slugs]
    page.countries = [countries[slug] for slug in country_slugs]
    page.authors = [author]
    add_child_once(index, page)


def seed_events(home, countries):
    index = child_page(
        home,
        EventIndexPage,
        "veranstaltungen",
        title="Veranstaltungen",
        show_in_menus=True,
        introduction="<p>Seminare, Runde Tische, Konferenzen und Online-Treffen.</p>",
    )
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    groups = list(TargetGroup.objects.all())
    for event in texts.EVENTS:
        seed_event(index, event, topics, countries, groups)


def seed_event(index, event, topics, countries, groups):
    (
        title,
        slug,
        kind,
        fmt,
        start_days,
        hour,
        hours,
        deadline_days,
        fee,
        venue,
        platform,
        number,
        topic_slugs,
        country_slugs,
    ) = event
    if EventPage.objects.filter(slug=slug).exists():
        return
    day = timezone.localdate() + datetime.timedelta(days=start_days)
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)
    page = EventPage(
        title=title,
        slug=slug,
        event_type=kind,
        format=fmt,
        venue=venue,
        online_platform=platform,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        fee=fee,
        event_number=number,
        registration_deadline=deadline_date(deadline_days),
        registration_url=f"https://anmeldung.netzwerkbuero.example/{slug}",
        organiser=texts.ORGANISATION["organisation_name"],
        teaser=texts.EVENT_TEASER,
        body=stream(*paragraphs([texts.EVENT_DESCRIPTION])),
    )
    page.topics = [topics[slug] for slug in topic_slugs]
    page.countries = [countries[slug] for slug in country_slugs]
    page.target_groups = groups[:3]
    add_child_once(index, page)


def deadline_date(days):
    return None if days is None else timezone.localdate() + datetime.timedelta(days=days)


def seed_standard_pages(home, site):
    about = [("Über uns", "ueber-uns", texts.ABOUT_TEXT, True)]
    legal = [
        ("Impressum", "impressum", imprint_text(), False),
        ("Datenschutz", "datenschutz", texts.PRIVACY_TEXT, False),
    ]
    pages = {
        slug: child_page(
            home,
            StandardPage,
            slug,
            title=title,
            introduction=text,
            show_in_menus=menu,
            body=stream(*paragraphs([text])),
        )
        for title, slug, text, menu in about + legal
    }
    seed_site_settings(site, pages["impressum"], pages["datenschutz"])


def imprint_text():
    org = texts.ORGANISATION
    return (
        f"{org['organisation_name']}, {org['street']}, {org['postal_code']} {org['city']}. "
        f"Vertreten durch {org['represented_by']}. E-Mail: {org['email']}."
    )


def seed_site_settings(site, imprint, privacy):
    site_settings = SiteSettings.for_site(site)
    if site_settings.organisation_name:
        return
    for field, value in texts.ORGANISATION.items():
        setattr(site_settings, field, value)
    site_settings.imprint_page, site_settings.privacy_page = imprint, privacy
    site_settings.save()
