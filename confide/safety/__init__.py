"""confide.safety."""
