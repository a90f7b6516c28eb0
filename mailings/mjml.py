"""Compile MJML to email HTML with mjml-python.

fonts={} matters: with MJML's default the output would load a web font from Google,
a third-party request from every reader's mail client (DSGVO).
"""

from mjml import mjml2html


def compile_mjml(source):
    return mjml2html(source, fonts={}, disable_comments=True)
