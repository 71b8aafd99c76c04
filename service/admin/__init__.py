"""Admin routes: bearer-token authentication, source ingestion, job status and curation."""
