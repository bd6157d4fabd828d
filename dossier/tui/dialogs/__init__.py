"""Modal dialogs, one per module; each dismisses with a typed result and the caller does the work."""
