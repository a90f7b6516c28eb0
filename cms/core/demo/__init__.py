"""Demo content for a newcomer's first look: realistic, German, made locally, idempotent."""
