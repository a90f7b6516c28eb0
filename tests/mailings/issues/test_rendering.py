"""The rendered mail: safe, absolute, accessible, private, and the same for everyone except
the personal links."""

import re
import subprocess
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from mailings.issues.message import MessageFactory, build_message
from mailings.issues.rendering import render_issue
from mailings.subscribers.models import Subscriber
from tests import factories, tools

from .conftest import events_block, posts_block

BASE = "https://partnerpost.example"
URL_ATTRIBUTE = re.compile(r'\b(?:href|src)="([^"]*)"')


@pytest.fixture
def full_issue(make_issue, post_with_image, event_index, country_index):
    posts = [post_with_image(title=f"Beitrag über Gdynia {n}") for n in range(3)]
    event = factories.EventPageFactory(parent=event_index, title="Runder Tisch Polen")
    country = factories.CountryPageFactory(
        parent=country_index,
        title="Polen",
        teaser="Sechzig Partnerschaften.",
        header_image=factories.ImageFactory(),
        header_image_alt="Altstadt von Danzig",
    )
    person = factories.ContactPersonFactory(name="Anna Nowak", image=factories.ImageFactory())
    return make_issue(
        posts_block(posts),
        events_block([event]),
        (
            "country_news",
            {
                "heading": "Länder",
                "text": "<p>Neu dabei</p>",
                "countries": [country.pk],
                "channel": "both",
            },
        ),
        (
            "text",
            {
                "heading": "Hinweis",
                "body": '<p>Mehr im <a href="/blog/">Blog</a>.</p><script>alert(1)</script>',
                "channel": "both",
            },
        ),
        (
            "image",
            {
                "image": factories.ImageFactory().pk,
                "alt_text": "Rathausplatz in Gdynia",
                "caption": "Foto: Netzwerkbüro",
                "channel": "both",
            },
        ),
        (
            "call_to_action",
            {
                "title": "Umfrage",
                "text": "Fünf Minuten",
                "button_label": "Los",
                "page": None,
                "url": "https://umfrage.example.org/",
                "closing_date": "2026-11-30",
                "channel": "both",
            },
        ),
        (
            "closing",
            {
                "heading": "Zum Schluss",
                "text": "<p>Bis bald!</p>",
                "contact_persons": [person.pk],
                "channel": "both",
            },
        ),
    )


def decoded_parts(raw):
    message = message_from_bytes(raw, policy=policy.default)
    # Mail uses CRLF line ends on the wire; compare texts with plain newlines.
    return message, {
        part.get_content_type(): part.get_content().replace("\r\n", "\n")
        for part in message.iter_parts()
    }


@override_settings(BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE)
def test_html_is_compiled_safe_and_only_talks_to_our_host(full_issue, subscriber):
    _message, parts = decoded_parts(build_message(full_issue, subscriber).raw)
    html = parts["text/html"]
    assert "<mj-" not in html and "</mj-" not in html
    assert "<script" not in html.lower() and "alert(1)" not in html
    urls = URL_ATTRIBUTE.findall(html)
    assert urls and all(
        url.startswith((BASE + "/", "https://umfrage.example.org/", "mailto:")) for url in urls
    )
    requested = re.findall(r'<img[^>]*\bsrc="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert requested and {urlsplit(url).hostname for url in requested} == {"partnerpost.example"}
    assert "<link" not in html and "@import" not in html and "fonts.googleapis" not in html


@override_settings(BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE)
def test_every_image_has_alt_text_size_and_an_email_safe_format(full_issue):
    html = render_issue(full_issue).html
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 6  # three teasers, the country, the image block, the portrait
    for tag in images:
        assert re.search(r'\balt="[^"]+"', tag), tag
        assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), tag
        assert re.search(r'format-(jpeg|png)[.\w-]*\.(jpg|png)"', tag), tag
    assert 'alt="Rathausplatz in Gdynia"' in html


@override_settings(BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE)
def test_footer_has_imprint_address_reason_and_personal_links(full_issue, subscriber):
    raw = build_message(full_issue, subscriber).raw
    _message, parts = decoded_parts(raw)
    for body in parts.values():
        assert "Lindenallee 7" in body and "30159 Hannover" in body
        assert "weil Sie den Newsletter „Quartalsnewsletter“" in body
        assert BASE + "/newsletter/abmelden/quartal/" in body
        assert BASE + "/newsletter/einstellungen/" in body
        assert "PPTOKEN" not in body
    assert "Begegnungen, Termine, Länder" in parts["text/html"]  # the preheader


@override_settings(BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE)
def test_text_part_lists_every_item_with_title_and_url(full_issue, subscriber):
    _message, parts = decoded_parts(build_message(full_issue, subscriber).raw)
    text = parts["text/plain"]
    for title, path in [
        ("Beitrag über Gdynia 0", "/blog/beitrag-uber-gdynia-0/"),
        ("Beitrag über Gdynia 2", "/blog/beitrag-uber-gdynia-2/"),
        ("Runder Tisch Polen", "/veranstaltungen/runder-tisch-polen/"),
        ("Polen", "/laender/polen/"),
    ]:
        assert f"* {title}\n" in text
        assert BASE + path in text
    assert "Mehr im Blog (https://partnerpost.example/blog/)." in text
    assert "Los: https://umfrage.example.org/" in text and "Teilnahme bis 30. November 2026" in text
    assert "<" not in text.replace("<https", "")


@override_settings(BASE_URL=BASE)
def test_message_is_multipart_alternative_with_all_headers(full_issue, subscriber):
    message, parts = decoded_parts(build_message(full_issue, subscriber).raw)
    assert message.get_content_type() == "multipart/alternative"
    assert list(parts) == ["text/plain", "text/html"]
    assert message["From"] == "Netzwerkbüro Newsletter <newsletter@netzwerk.example>"
    assert message["Reply-To"] == "redaktion@netzwerk.example"
    assert message["To"] == "Léa Brandt <lea.brandt@example.org>"
    assert message["Subject"] == "Neues aus dem Netzwerk"
    assert message["Date"].datetime is not None
    assert re.fullmatch(r"<\S+@netzwerk\.example>", message["Message-ID"])
    assert message["List-Id"] == "Quartalsnewsletter <quartal.partnerpost.example>"
    one_click, mailto = [part.strip() for part in message["List-Unsubscribe"].split(",")]
    assert one_click.startswith("<https://partnerpost.example/newsletter/abmelden/quartal/")
    assert one_click.endswith("/sofort/>") and mailto.startswith("<mailto:")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_recipients_differ_only_in_personal_parts(full_issue, subscriber):
    other = Subscriber.objects.create(email="jan@example.org")
    factory = MessageFactory(full_issue)
    first, second = (decoded_parts(factory.build(s).raw) for s in (subscriber, other))
    assert first[0]["List-Unsubscribe"] != second[0]["List-Unsubscribe"]
    assert first[0]["Message-ID"] != second[0]["Message-ID"]
    strip = re.compile(r"/newsletter/(einstellungen|abmelden)/\S+?/(?=[\"\s])")
    for kind in ("text/plain", "text/html"):
        assert first[1][kind] != second[1][kind]
        assert strip.sub("", first[1][kind]) == strip.sub("", second[1][kind])


def test_mjml_source_passes_strict_validation_of_the_reference_compiler(full_issue, tmp_path):
    mjml_cli = tools.node_package_path("mjml", "4", "bin/mjml")
    for layout in ("standard", "compact"):
        full_issue.layout = layout
        source = tmp_path / f"{layout}.mjml"
        source.write_text(render_issue(full_issue).mjml)
        result = subprocess.run(  # noqa: S603
            [str(mjml_cli), str(source), "--config.validationLevel=strict", "-s"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr


def test_compact_layout_leaves_out_teaser_pictures(full_issue):
    full_issue.layout = "compact"
    html = render_issue(full_issue).html
    assert len(re.findall(r"<img\b", html)) == 2  # the image block and the portrait


def test_channel_decides_between_mail_and_web(make_issue, client):
    issue = make_issue(
        ("text", {"heading": "", "body": "<p>Nur für Abonnenten</p>", "channel": "email"}),
        ("text", {"heading": "", "body": "<p>Nur im Archiv</p>", "channel": "web"}),
    )
    rendered = render_issue(issue)
    assert "Nur für Abonnenten" in rendered.html and "Nur für Abonnenten" in rendered.text
    assert "Nur im Archiv" not in rendered.html
    web = client.get(issue.url).content.decode()
    assert "Nur im Archiv" in web and "Nur für Abonnenten" not in web
    assert "PPTOKEN" not in web and "/newsletter/abmelden/" not in web


def test_utm_parameters_only_when_a_campaign_is_named(make_issue, post_with_image):
    post = post_with_image(title="Gdynia")
    plain = render_issue(make_issue(posts_block([post])))
    assert "utm_" not in plain.html
    tagged = render_issue(make_issue(posts_block([post]), utm_campaign="herbst-2026"))
    assert (
        "/blog/gdynia/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=herbst-2026"
        in tagged.html
    )
    assert "https://umfrage" not in tagged.html


def issue_with_items(make_issue, post_with_image, event_index, count):
    posts = [post_with_image(title=f"Beitrag {count}-{n}") for n in range(count)]
    events = [factories.EventPageFactory(parent=event_index) for _ in range(count)]
    issue = make_issue(
        posts_block(posts),
        events_block(events),
        events_block(mode="upcoming"),
        ("text", {"heading": "", "body": "<p>Hallo</p>", "channel": "both"}),
    )
    render_issue(issue)  # renditions are generated once, like in real life before a send
    return type(issue).objects.get(pk=issue.pk)


def test_rendering_queries_do_not_grow_with_items(
    make_issue, post_with_image, event_index, django_assert_num_queries
):
    small = issue_with_items(make_issue, post_with_image, event_index, 2)
    large = issue_with_items(make_issue, post_with_image, event_index, 12)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        render_issue(small)
    with django_assert_num_queries(len(baseline.captured_queries)):
        html = render_issue(large).html
    assert html.count("Beitrag 12-") == 12


def test_encoded_lines_stay_within_the_quoted_printable_limit(full_issue, subscriber):
    raw = build_message(full_issue, subscriber).raw
    body = raw.split(b"\r\n\r\n", 1)[1]
    assert b"\n" not in body.replace(b"\r\n", b"")  # CRLF line ends only
    assert max(len(line) for line in body.split(b"\r\n")) <= 76
