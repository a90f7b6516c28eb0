"""Subscribers, consent, newsletter issues, rendering and sending."""
