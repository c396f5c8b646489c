"""A plain article's title: its first line, where that line reads as a headline and not as the start of the text."""

from __future__ import annotations

MAX_HEADLINE = 150
"""Characters; a longer first line is a paragraph."""


def headline(text: str) -> str | None:
    """The first non-blank line as a title, or None when it reads as body text.

    A headline is short, ends without a sentence's closing punctuation, and stands on its own:
    a blank line (or the same line again) follows it, or most of its words are capitalised ("Russia-US Officials To
    Meet In Saudi Arabia").  A first line that runs on into the next ("... will take
    place / Thursday in Istanbul, the Kremlin said") is no title.
    """
    lines = text.lstrip("\ufeff").splitlines()
    i = next((k for k, ln in enumerate(lines) if ln.strip()), None)
    if i is None:
        return None
    first = " ".join(lines[i].split())
    if len(first) > MAX_HEADLINE or first[-1] in ".,;:!?…" or first.startswith(("<", "#", "-", "*", "|")):
        return None
    after = " ".join(lines[i + 1].split()) if i + 1 < len(lines) else ""
    standalone = not after or after == first  # a blank line, or the headline repeated as its summary
    words = [w for w in first.split() if w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    title_case = len(words) >= 3 and capitalised >= 0.7 * len(words)
    return first if standalone or title_case else None
