"""dossier: prepare a UNESCO Creative Cities Network application in the terminal."""

__version__ = "0.1.0"
