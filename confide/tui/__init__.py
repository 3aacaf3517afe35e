"""confide.tui."""
