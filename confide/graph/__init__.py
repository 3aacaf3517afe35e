"""Graph assembly and routing."""
