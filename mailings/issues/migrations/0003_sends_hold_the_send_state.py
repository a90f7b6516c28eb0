"""Send state moves off the revisioned page: each issue with sent_at gets a finished Send."""

from django.db import migrations


def sent_at_to_sends(apps, schema_editor):
    Page = apps.get_model("newsletter_issues", "NewsletterIssuePage")
    Send = apps.get_model("sending", "Send")
    Send.objects.bulk_create([
        Send(issue_id=page.pk, newsletter_id=page.newsletter_id, state="done",
             started_at=page.sent_at, finished_at=page.sent_at, subject=page.subject)
        for page in Page.objects.filter(sent_at__isnull=False)
    ])


def sends_to_sent_at(apps, schema_editor):
    Page = apps.get_model("newsletter_issues", "NewsletterIssuePage")
    Send = apps.get_model("sending", "Send")
    for send in Send.objects.filter(state="done").order_by("started_at"):
        Page.objects.filter(pk=send.issue_id).update(sent_at=send.started_at)


class Migration(migrations.Migration):

    dependencies = [
        ("newsletter_issues", "0002_newsletter_managers_may_send"),
        ("sending", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(sent_at_to_sends, sends_to_sent_at),
        migrations.RemoveField(model_name="newsletterissuepage", name="sent_at"),
    ]
