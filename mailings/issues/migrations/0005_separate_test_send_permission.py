"""Test-sending gets a permission of its own, apart from sending to the subscribers.

- "Newsletter managers" get both (send and schedule, and test send).
- Every group that could send until now keeps its test send (it was part of sending).
- Wagtail's default groups "Editors" and "Moderators", where they exist, get the test send
  only: they write and check issues in their own inbox; sending to the subscribers stays with
  the Newsletter managers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGERS = "Newsletter managers"
TEST_SENDERS = ["Editors", "Moderators"]
SEND = "send_newsletterissuepage"
TEST_SEND = "test_send_newsletterissuepage"
SEND_NAME = "Newsletter-Ausgaben an die Abonnent/innen versenden oder den Versand planen"
OLD_SEND_NAME = "Newsletter-Ausgaben versenden (auch Testversand)"


def permission(apps, codename):
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="newsletter_issues", codename=codename)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; we need the new one now.
    config = apps.get_app_config("newsletter_issues")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    send, test_send = permission(apps, SEND), permission(apps, TEST_SEND)
    send.name = SEND_NAME  # create_permissions never renames an existing permission
    send.save(update_fields=["name"])
    managers, _created = Group.objects.get_or_create(name=MANAGERS)
    managers.permissions.add(send, test_send)
    for group in Group.objects.filter(permissions=send):
        group.permissions.add(test_send)
    for group in Group.objects.filter(name__in=TEST_SENDERS):
        group.permissions.add(test_send)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="newsletter_issues",
                              codename=TEST_SEND).delete()
    Permission.objects.filter(content_type__app_label="newsletter_issues",
                              codename=SEND).update(name=OLD_SEND_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter_issues", "0004_single_line_header_fields"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="newsletterissuepage",
            options={
                "permissions": [
                    ("send_newsletterissuepage", SEND_NAME),
                    ("test_send_newsletterissuepage",
                     "Newsletter-Ausgaben testweise versenden"),
                ],
                "verbose_name": "Newsletter-Ausgabe",
                "verbose_name_plural": "Newsletter-Ausgaben",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
