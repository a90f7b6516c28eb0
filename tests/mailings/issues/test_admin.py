"""The issue in the admin: preview modes, pre-filling on create, test send with audit log."""

import datetime
from email import message_from_bytes

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from mailings.issues.models import NewsletterIssuePage
from mailings.subscribers.models import SuppressedAddress, address_hash
from tests import factories

from .conftest import posts_block


def issue_form(newsletter, posts=(), **fields):
    """The edit form as a browser would post it (StreamField data comes from JavaScript)."""
    posts_value = {
        "heading": "Aus dem Blog",
        "channel": "both",
        "posts": streamfield([("item", post.pk) for post in posts]),
    }
    return nested_form_data(
        {
            "title": "Newsletter 4/2026",
            "slug": "newsletter-4-2026",
            "newsletter": newsletter.pk,
            "period": "2026-Q4",
            "planned_send_date": "2026-10-06",
            "subject": "Betreff",
            "preheader": "Vorschau",
            "introduction": rich_text("<p>Hallo</p>"),
            "layout": "standard",
            "utm_campaign": "",
            "sections": streamfield([("featured_posts", posts_value)] if posts else []),
            **fields,
        }
    )


class TestPreviewModes(WagtailPageTestCase):
    @pytest.fixture(autouse=True)
    def _issue(self, make_issue, post_with_image, newsletter):
        post = post_with_image(title="Vorschau-Beitrag")
        self.issue = make_issue(posts_block([post]))
        self.form = issue_form(newsletter, [post], slug=self.issue.slug)

    def preview(self, mode):
        editor = self.create_superuser("vorschau")
        self.assertPageIsPreviewable(self.issue, mode=mode, post_data=self.form, user=editor)
        # The assertion only checks that the preview loads; now look at what it shows.
        self.client.force_login(editor)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.issue.pk])
        self.client.post(url, self.form)
        return self.client.get(url, {"mode": mode})

    def test_email_html_preview_shows_the_compiled_mail(self):
        response = self.preview("email")
        html = response.content.decode()
        assert "Vorschau-Beitrag" in html and "<mj-" not in html
        assert "/newsletter/abmelden/quartal/" in html

    def test_plain_text_preview(self):
        response = self.preview("text")
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "* Vorschau-Beitrag" in response.content.decode()

    def test_web_version_preview(self):
        html = self.preview("").content.decode()
        assert "Vorschau-Beitrag" in html and "/newsletter/abmelden/" not in html


def sender_user(django_user_model, archive, allowed=True):
    user = django_user_model.objects.create_user("redaktion", "redaktion@netzwerk.example", "pw")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if allowed:
        group.permissions.add(Permission.objects.get(codename="send_newsletterissuepage"))
    GroupPagePermission.objects.create(group=group, page=archive, permission_type="change")
    user.groups.add(group)
    return user


def test_test_send_mails_the_draft_with_test_prefix_and_logs_it(
    make_issue, post_with_image, client, django_user_model
):
    issue = make_issue(posts_block([post_with_image(title="Erster Stand")]))
    issue.subject = "Neuer Betreff im Entwurf"
    issue.save_revision()
    user = sender_user(django_user_model, issue.get_parent())
    client.force_login(user)
    url = reverse("newsletter_issues_test_send", args=[issue.pk])
    assert "Prüfung vor dem Versand" in client.get(url).content.decode()
    response = client.post(url, {"addresses": "a@example.org,\nb@example.org"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = message_from_bytes(mail.outbox[0].message().as_bytes())
    assert message["Subject"] == "[TEST] Neuer Betreff im Entwurf"
    entry = PageLogEntry.objects.get(page=issue, action="newsletter_issues.test_send")
    assert entry.user == user and entry.data["recipients"] == ["a@example.org", "b@example.org"]
    history = client.get(reverse("wagtailadmin_pages:history", args=[issue.pk]))
    assert "Testversand an a@example.org, b@example.org" in history.content.decode()


def test_a_refused_address_is_explained_in_german_on_the_form(make_issue, admin_client):
    issue = make_issue()
    SuppressedAddress.objects.create(email_hash=address_hash("weg@example.org"))
    url = reverse("newsletter_issues_test_send", args=[issue.pk])
    response = admin_client.post(url, {"addresses": "a@example.org, weg@example.org"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == []  # stays on the form
    assert "„weg@example.org“ wurde nicht verschickt: Die Adresse steht auf der Sperrliste." in html
    assert "Testversand an a@example.org verschickt." in html
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    entry = PageLogEntry.objects.get(page=issue, action="newsletter_issues.test_send")
    assert entry.data["recipients"] == ["a@example.org"]
    assert entry.data["refused"] == ["weg@example.org"]


def test_test_send_rejects_bad_addresses_and_sends_nothing(make_issue, admin_client):
    issue = make_issue()
    url = reverse("newsletter_issues_test_send", args=[issue.pk])
    response = admin_client.post(url, {"addresses": "gut@example.org, kaputt"})
    assert response.status_code == 200
    assert "„kaputt“ ist keine gültige E-Mail-Adresse." in response.content.decode()
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action="newsletter_issues.test_send").exists()


def test_test_send_needs_the_send_permission(make_issue, client, django_user_model):
    issue = make_issue()
    client.force_login(sender_user(django_user_model, issue.get_parent(), allowed=False))
    url = reverse("newsletter_issues_test_send", args=[issue.pk])
    response = client.post(url, {"addresses": "a@example.org"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail: denied
    assert mail.outbox == []


def test_edit_view_offers_test_send_and_shows_the_checklist(make_issue, admin_client):
    issue = make_issue(subject="")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletter_issues_test_send", args=[issue.pk]) in html
    assert "Versandprüfung" in html and "Die Betreffzeile fehlt." in html


def test_creating_an_issue_prefills_it(
    archive, newsletter, site_settings, blog_index, admin_client
):
    post = factories.BlogPageFactory(parent=blog_index, title="Frisch", date=datetime.date.today())
    url = reverse(
        "wagtailadmin_pages:add", args=["newsletter_issues", "newsletterissuepage", archive.pk]
    )
    assert "Mit neuen Inhalten vorbefüllen" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        issue_form(
            newsletter,
            title="Newsletter 9/2026",
            slug="newsletter-9-2026",
            prefill="on",
            planned_send_date=datetime.date.today().isoformat(),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = NewsletterIssuePage.objects.get(slug="newsletter-9-2026")
    issue = issue.get_latest_revision_as_object()
    [section] = issue.sections
    assert [page.pk for page in section.value["posts"]] == [post.pk]


def test_period_must_be_a_quarter(archive, newsletter, site_settings, admin_client):
    url = reverse(
        "wagtailadmin_pages:add", args=["newsletter_issues", "newsletterissuepage", archive.pk]
    )
    response = admin_client.post(url, issue_form(newsletter, slug="falsch", period="Herbst"))
    assert "Bitte das Quartal als JJJJ-Qn angeben" in response.content.decode()
    assert not NewsletterIssuePage.objects.filter(slug="falsch").exists()


@pytest.mark.django_db
def test_newsletter_managers_group_may_send_test_mails():
    group = Group.objects.get(name="Newsletter managers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "send_newsletterissuepage" in codenames
