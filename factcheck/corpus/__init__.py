"""Corpus stage: loading articles, their metadata, sentences and page boilerplate."""
