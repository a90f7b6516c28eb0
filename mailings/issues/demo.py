"""Demo data for this app; called by seed_demo after the site content exists."""


def seed():
    """Nothing yet: filled in by the issue that builds this app."""
