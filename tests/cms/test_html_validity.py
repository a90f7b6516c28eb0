"""The demo pages are valid HTML according to the Nu HTML Checker (vnu.jar)."""

import json
import subprocess

import pytest
from django.core.management import call_command

from tests import tools

PAGES = [
    "/",
    "/blog/",
    "/blog/?thema=jugend",
    "/laender/",
    "/laender/polen/",
    "/veranstaltungen/",
    "/veranstaltungen/archiv/",
    "/veranstaltungen/runder-tisch-polen/",
    "/veranstaltungen/seminar-foerdermittel/",
    "/themen/",
    "/themen/jugend/",
    "/ueber-uns/",
    "/suche/?q=Polen",
    "/gibt-es-nicht/",
]


@pytest.mark.django_db
def test_demo_pages_pass_the_nu_html_checker(client, tmp_path, settings):
    settings.EMAIL_FILE_PATH = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    files = []
    for number, path in enumerate(PAGES):
        target = tmp_path / f"page-{number}.html"
        target.write_bytes(client.get(path).content)
        files.append(str(target))
    vnu = tools.node_package_path("vnu-jar", "26.9.27", "build/dist/vnu.jar")
    result = subprocess.run(  # noqa: S603
        [tools.java_path(), "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{PAGES[files.index(m['url'].removeprefix('file:'))]}: {m['message']}" for m in messages
    ]
    assert errors == []
