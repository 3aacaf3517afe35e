"""Confide: an emotional-support companion with a real safety layer.

Confide is a support companion. It is not therapy, not a clinician and not a human.
The public API is small: :func:`build_graph` returns the compiled turn graph.
"""

__version__ = "0.1.0"
