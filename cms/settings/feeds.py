"""Settings of the feeds app, read from the environment; imported by base.py."""

import environ

env = environ.Env()
