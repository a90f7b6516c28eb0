"""Full-page cache for anonymous visitors."""
