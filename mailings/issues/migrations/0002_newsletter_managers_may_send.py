"""Give the "Newsletter managers" group (created by subscribers 0003) the send permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Newsletter managers"
CODENAME = "send_newsletterissuepage"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; we need this one now.
    config = apps.get_app_config("newsletter_issues")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter_issues", codename=CODENAME)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(codename=CODENAME).first()
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter_issues", "0001_initial"),
        ("subscribers", "0003_newsletter_managers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
