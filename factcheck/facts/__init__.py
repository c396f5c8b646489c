"""Curated fact sets: reading (``load``), merging and cross-checking (``build``), references (``ids``)."""
