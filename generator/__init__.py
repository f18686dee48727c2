"""Onrecord: publish readable transcripts as a static site."""

__version__ = "0.1.0"
