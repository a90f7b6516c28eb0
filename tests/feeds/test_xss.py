"""Hostile text in titles, bodies and event fields leaves no executable markup in any feed."""

import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from tests import factories

CORPUS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">Klick</a>',
    '<a href="JaVaScRiPt&#x3A;alert(1)">Klick</a>',
    '<a href="java&#x09;script:alert(1)">Klick</a>',
    '<a href="javascript\u200b:alert(1)">Klick</a>',
    "]]><script>alert(1)</script><![CDATA[",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p style="x" onmouseover="alert(1)">Text</p>',
    "<style>body { display: none }</style>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Daten</a>',
]
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
XML_URLS = [
    "/feeds/blog.rss",
    "/feeds/blog.atom",
    "/feeds/events.rss",
    "/feeds/events.atom",
    "/feeds/topic/jugend.rss",
    "/feeds/country/polen.atom",
]


class MarkupAudit(HTMLParser):
    """Collects everything in an HTML fragment that a browser could execute."""

    def __init__(self):
        super().__init__()
        self.findings = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "iframe", "object", "embed", "svg"}:
            self.findings.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.findings.append(f"{tag}@{name}")
            if name in {"href", "src"} and not (value or "").startswith(SAFE_SCHEMES):
                self.findings.append(f"{tag}@{name}={value}")


def audit(html):
    parser = MarkupAudit()
    parser.feed(html)
    return parser.findings


def html_fragments(xml_bytes):
    """The text of every element of the feed document (content, summary, description...)."""
    root = ElementTree.fromstring(xml_bytes)  # noqa: S314 - our own output
    return [element.text for element in root.iter() if element.text]


@pytest.fixture
def hostile_content(blog_index, event_index, youth, poland):
    paragraphs = [{"type": "paragraph", "value": f"<p>Absatz {text}</p>"} for text in CORPUS]
    for number, text in enumerate(CORPUS):
        factories.BlogPageFactory(
            parent=blog_index,
            title=f"Beitrag {text}",
            slug=f"boese-{number}",
            teaser=text,
            body=json.dumps(paragraphs),
            topics=[youth],
            countries=[poland],
        )
    factories.EventPageFactory(
        parent=event_index,
        title=CORPUS[0],
        format="hybrid",
        venue=CORPUS[1],
        fee=CORPUS[2],
        online_platform=CORPUS[6],
        teaser=CORPUS[3],
        topics=[youth],
        countries=[poland],
        body=json.dumps(paragraphs),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", XML_URLS)
def test_no_executable_markup_in_feeds(client, hostile_content, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - well-formed despite ]]>
    assert not [el.tag for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "script"]
    findings = [finding for text in html_fragments(response.content) for finding in audit(text)]
    assert findings == []


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_hostile_titles_and_teasers_arrive_as_harmless_text(fetch_feed, hostile_content, extension):
    entries = fetch_feed(f"/feeds/blog.{extension}").entries
    assert "Beitrag alert(1)" in {entry.title for entry in entries}
    # The teaser is text: its angle brackets are shown, not interpreted.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in {entry.summary for entry in entries}


@pytest.mark.django_db
def test_harmless_text_of_hostile_paragraphs_survives(fetch_feed, hostile_content):
    content = fetch_feed("/feeds/blog.rss").entries[0].content[0].value
    assert "Absatz" in content and "Klick" in content and "Text" in content
