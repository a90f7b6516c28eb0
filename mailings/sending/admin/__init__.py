"""Admin screens to send an issue and watch its send: dialog, progress, controls."""
