"""Settings of the subscribers app, read from the environment; imported by base.py."""

import environ

env = environ.Env()
