"""The rule catalog: one module per rule, listed in registry.py."""
