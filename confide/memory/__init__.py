"""confide.memory."""
