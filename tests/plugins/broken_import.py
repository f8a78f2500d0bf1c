"""A fixture plugin that cannot be imported."""

raise ImportError("No module named 'some_missing_dependency'")
