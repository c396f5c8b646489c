"""The date reader: YAML rule packs, matching, normalisation and their tests."""
