"""The opt-in mails: valid MJML, no third-party requests, sender and imprint."""

import subprocess

from mailings.subscribers.models import ConsentEvent
from tests import tools
from tests.support.mail import read


def test_mjml_sources_pass_strict_validation(signup, mailoutbox, tmp_path, settings):
    from django.template.loader import render_to_string

    signup()
    context = {
        "newsletters": [],
        "confirm_url": "https://example.org/x",
        "valid_hours": 48,
        "newsletter": {"name": "N"},
        "links": {"preferences_url": "https://e.org/p", "unsubscribe_url": "https://e.org/u"},
        "subscriber": {"name": ""},
        "site_settings": {"postal_address_lines": ["A"]},
    }
    cli = tools.node_package_path("mjml", "4", "bin/mjml")
    for name in ("confirmation", "welcome"):
        source = tmp_path / f"{name}.mjml"
        source.write_text(render_to_string(f"mailings/subscribers/mail/{name}.mjml", context))
        result = subprocess.run(  # noqa: S603
            [str(cli), str(source), "--config.validationLevel=strict", "-s"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr


def test_confirmation_mail_has_no_external_resources_and_names_the_sender(signup, mailoutbox):
    signup()
    mail = read(mailoutbox[0])
    assert "fonts.googleapis" not in mail.html and "<img" not in mail.html
    assert "Weg 1" in mail.text and "12345 Ort" in mail.text
    assert ConsentEvent.objects.filter(action="mail_sent").exists()
