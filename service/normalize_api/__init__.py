"""normalize_api."""
