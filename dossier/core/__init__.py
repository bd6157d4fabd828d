"""The pure domain core: model, call profiles, word counting, rules and reference data.

Nothing here imports Textual or python-docx, so the CLI, the tests and the exporter
can use it cheaply.
"""
