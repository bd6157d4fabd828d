"""Screens: the editor, the overview, help and the start screen."""
