"""Durable background jobs on PostgreSQL (pgqueuer): ingestion of submitted sources."""
