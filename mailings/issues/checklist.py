"""The pre-send checklist. Blockers stop the send action; warnings only inform.

The send action (a later issue) calls ensure_sendable(issue) and refuses to start while
open_blockers(issue) is not empty.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Page

from .rendering import load_site_settings, render_issue
from .sections import PAGE_LISTS, SectionBuilder

PAGE_LINK = re.compile(r'<a[^>]*\blinktype="page"[^>]*\bid="(\d+)"')


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    blocker: bool


class SendBlocked(Exception):
    def __init__(self, findings):
        super().__init__("; ".join(finding.message for finding in findings))
        self.findings = findings


def run_checklist(issue):
    """All findings for the issue, blockers first."""
    findings = [finding for check in CHECKS for finding in check(issue)]
    return sorted(findings, key=lambda finding: not finding.blocker)


def open_blockers(issue):
    return [finding for finding in run_checklist(issue) if finding.blocker]


def ensure_sendable(issue):
    blockers = open_blockers(issue)
    if blockers:
        raise SendBlocked(blockers)


def check_subject_and_preheader(issue):
    if not issue.subject.strip():
        yield Finding("subject", _("Die Betreffzeile fehlt."), blocker=True)
    if not issue.preheader.strip():
        yield Finding("preheader", _("Der Vorschautext fehlt."), blocker=True)


def check_imprint(issue):
    if not load_site_settings().has_imprint_data:
        yield Finding(
            "imprint",
            _("In den Website-Einstellungen fehlen Impressumsangaben (Name, Straße, PLZ, Ort)."),
            blocker=True,
        )


def chosen_pages(child):
    name = PAGE_LISTS.get(child.block_type)
    if name:
        return list(child.value[name])
    if child.block_type == "call_to_action" and child.value["page"]:
        return [child.value["page"]]
    return []


def check_chosen_pages(issue):
    for child in issue.sections:
        for page in chosen_pages(child):
            yield from page_problems(page, section_name(child))


def page_problems(page, where):
    if page is None:
        yield Finding(
            "missing_page",
            _("Abschnitt „%(section)s“ verweist auf eine gelöschte Seite.") % {"section": where},
            blocker=True,
        )
    elif not page.live:
        yield Finding(
            "unpublished_page",
            _("Abschnitt „%(section)s“ verweist auf die unveröffentlichte Seite „%(title)s“.")
            % {"section": where, "title": page.title},
            blocker=True,
        )


def section_name(child):
    return child.value.get("heading") or child.value.get("title") or str(child.block.label)


def rich_text_sources(issue):
    yield issue.introduction or ""
    for child in issue.sections:
        for name in ("text", "body"):
            value = child.value.get(name)
            yield getattr(value, "source", "") or ""


def check_rich_text_links(issue):
    linked = {int(pk) for source in rich_text_sources(issue) for pk in PAGE_LINK.findall(source)}
    if not linked:
        return
    live = set(Page.objects.filter(pk__in=linked).live().values_list("pk", flat=True))
    for _missing in sorted(linked - live):
        yield Finding(
            "text_link",
            _("Ein Link im Text führt zu einer gelöschten oder unveröffentlichten Seite."),
            blocker=True,
        )


def check_alt_texts(issue):
    builder = SectionBuilder(issue, channel=None)
    for child in builder.blocks:
        for page in builder.pages_of(child):
            if page.header_image_id and not page.header_image_alt.strip():
                yield Finding(
                    "alt_text",
                    _("Das Titelbild von „%(title)s“ hat keinen Alternativtext.")
                    % {"title": page.title},
                    blocker=True,
                )
        if child.block_type == "image" and not child.value["alt_text"].strip():
            yield Finding("alt_text", _("Ein Bild hat keinen Alternativtext."), blocker=True)


def check_event_deadlines(issue):
    builder = SectionBuilder(issue, channel=None)
    moment = issue.planned_send_at
    for child in builder.blocks:
        events = builder.pages_of(child) if child.block_type == "events" else []
        for event in events:
            if not event.registration_is_open(moment):
                yield Finding(
                    "event_deadline",
                    _("Bei „%(title)s“ endet die Anmeldung vor dem Versandtag.")
                    % {"title": event.title},
                    blocker=False,
                )


def check_html_size(issue):
    size = len(render_issue(issue).html.encode("utf-8"))
    limit = settings.NEWSLETTER_MAX_HTML_BYTES
    if size > limit:
        yield Finding(
            "html_size",
            _("Die E-Mail ist %(size)d KB groß; Gmail kürzt E-Mails über %(limit)d KB.")
            % {"size": size // 1024, "limit": limit // 1024},
            blocker=True,
        )


CHECKS = [
    check_subject_and_preheader,
    check_imprint,
    check_chosen_pages,
    check_rich_text_links,
    check_alt_texts,
    check_event_deadlines,
    check_html_size,
]
