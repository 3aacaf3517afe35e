"""Server backends (PostgreSQL checkpointer, Chroma server) against real local servers."""
