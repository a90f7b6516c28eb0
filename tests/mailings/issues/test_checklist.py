"""The pre-send checklist finds each blocker, and the send guard refuses while one is open."""

import datetime

import pytest
from django.test import override_settings
from wagtail.models import Page

from mailings.issues.checklist import SendBlocked, ensure_sendable, open_blockers, run_checklist
from tests import factories

from .conftest import events_block, posts_block


def codes(findings):
    return sorted(finding.code for finding in findings)


@pytest.fixture
def good_issue(make_issue, post_with_image):
    return make_issue(posts_block([post_with_image(title="Gut")]))


def test_a_complete_issue_has_no_blockers(good_issue):
    assert open_blockers(good_issue) == []
    ensure_sendable(good_issue)


def test_missing_subject_and_preheader_block(make_issue):
    issue = make_issue(subject="", preheader=" ")
    assert codes(open_blockers(issue)) == ["preheader", "subject"]
    with pytest.raises(SendBlocked, match="Betreffzeile"):
        ensure_sendable(issue)


def test_missing_imprint_data_blocks(good_issue, site_settings):
    site_settings.street = ""
    site_settings.save()
    assert codes(open_blockers(good_issue)) == ["imprint"]


def test_teaser_image_without_alt_text_blocks(make_issue, post_with_image):
    issue = make_issue(posts_block([post_with_image(title="Ohne Alt", header_image_alt="")]))
    [finding] = open_blockers(issue)
    assert finding.code == "alt_text" and "„Ohne Alt“" in finding.message


def test_links_to_unpublished_and_deleted_pages_block(make_issue, post_with_image):
    draft, gone, fine = (post_with_image(title=t) for t in ("Entwurf", "Gelöscht", "Da"))
    draft.unpublish()
    linked = post_with_image(title="Verlinkt")
    intro = f'<p>Siehe <a linktype="page" id="{linked.pk}">hier</a>.</p>'
    issue = make_issue(posts_block([draft, gone, fine]), introduction=intro)
    Page.objects.get(pk=gone.pk).delete()
    linked.unpublish()
    found = open_blockers(type(issue).objects.get(pk=issue.pk))
    assert codes(found) == ["missing_page", "text_link", "unpublished_page"]
    assert any("„Entwurf“" in finding.message for finding in found)


def test_event_whose_registration_closes_before_sending_is_a_warning(make_issue, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        title="Zu spät",
        registration_deadline=datetime.date(2026, 10, 1),
        start=factories.in_days(400),
        end=factories.in_days(400, 12),
    )
    issue = make_issue(events_block([event]))
    [finding] = run_checklist(issue)
    assert finding.code == "event_deadline" and not finding.blocker
    ensure_sendable(issue)


@override_settings(NEWSLETTER_MAX_HTML_BYTES=5 * 1024)
def test_html_over_the_size_limit_blocks(good_issue):
    [finding] = open_blockers(good_issue)
    assert finding.code == "html_size" and "Gmail" in finding.message
