"""The article reader: from article text to the engine's facts, by YAML rules."""
