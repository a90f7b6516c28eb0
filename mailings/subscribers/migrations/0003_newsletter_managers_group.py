"""Create the "Newsletter managers" group: the only non-superusers who see personal data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Newsletter managers"
MODEL_PERMISSIONS = {
    "newsletter": ["add", "change", "delete", "view"],
    "subscriber": ["change", "delete", "view"],
    "subscription": ["view"],
    "consentevent": ["view"],
    "suppressedaddress": ["view"],
}


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations ran; we need them now.
    config = apps.get_app_config("subscribers")
    config.models_module = True  # the stub has none; create_permissions skips it otherwise
    create_permissions(config, apps=apps, verbosity=0)


def create_group(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [
        f"{action}_{model}" for model, actions in MODEL_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="subscribers", codename__in=codenames
    )
    group.permissions.add(*permissions)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("subscribers", "0002_consent_log_interests"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
