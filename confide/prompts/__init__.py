"""confide.prompts."""
