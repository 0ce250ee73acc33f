"""Streams of articles into a store: story clustering and batched ingest."""
