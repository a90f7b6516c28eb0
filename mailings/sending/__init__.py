"""How subscriber mail leaves the system: newsletter sends (models, worker, clock) and the one
seam every subscriber mail passes (backends). docs/sending.md explains the whole pipeline."""
