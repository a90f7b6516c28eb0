"""Admin screens to judge sends: history, per-send report, CSV, dashboard panels."""
