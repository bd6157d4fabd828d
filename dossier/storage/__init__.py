"""Keeping drafts on disk: atomic saves with a backup, careful loads, migrations."""
