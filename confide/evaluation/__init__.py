"""confide.evaluation."""
