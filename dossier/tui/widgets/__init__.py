"""Reusable widgets of the editor, one module each."""
