"""Benchmarks: speed and memory numbers for the README (never asserted in unit tests)."""
