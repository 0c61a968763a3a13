"""Helpers below every app: no models, and no imports from the project's apps."""
