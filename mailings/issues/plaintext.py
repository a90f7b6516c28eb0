"""Rich text as readable plain text for the text part: paragraphs, list bullets and each
link's address after its words, instead of HTML with the tags stripped."""

import re
from html.parser import HTMLParser

BLOCKS = {"p", "div", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "tr"}


class _TextWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.hrefs:
            self.write_link_target(self.hrefs.pop())
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def write_link_target(self, href):
        if href and not href.startswith("mailto:"):
            self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html):
    writer = _TextWriter()
    writer.feed(html or "")
    writer.close()
    text = "".join(writer.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
