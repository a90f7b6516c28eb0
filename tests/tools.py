"""External programs some tests drive: Debian's Chromium and npm packages (mjml, axe-core).

The README's test command must work on a fresh machine that has only Python, so a missing
tool is installed on first use (apt-get as root, npm into var/node/) instead of skipping the
test. Where that is impossible the test fails with a message saying what to install.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_PREFIX = Path(__file__).resolve().parent.parent / "var" / "node"


def apt_install(*packages):
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"Bitte installieren: apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)  # noqa: S603, S607
    install = ["apt-get", "install", "-y", "-qq", *packages]
    subprocess.run(install, check=True, env=env)  # noqa: S603, S607


def chromium_path():
    if shutil.which("chromium") is None:
        apt_install("chromium")
    return shutil.which("chromium")


def java_path():
    if shutil.which("java") is None:
        apt_install("default-jre-headless")
    return shutil.which("java")


def node_package_path(package, version, relative_file):
    """The path of a file inside an npm package installed under var/node/ on first use."""
    target = NODE_PREFIX / "node_modules" / package / relative_file
    if not target.exists():
        if shutil.which("npm") is None:
            apt_install("nodejs", "npm")
        command = [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NODE_PREFIX),
            f"{package}@{version}",
        ]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603
    return target
