"""Settings of the issues app, read from the environment; imported by base.py."""

import environ

env = environ.Env()
