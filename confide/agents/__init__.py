"""confide.agents."""
