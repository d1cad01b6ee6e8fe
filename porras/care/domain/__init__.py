"""Care episodes and measurement-based care: framework-free rules (no Django imports)."""
