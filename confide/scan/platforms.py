"""What each platform's own data export looks like, and how to get plain post text out of it.

* X / Twitter "Download an archive": ``data/tweets.js`` is JavaScript,
  ``window.YTD.tweets.part0 = [{"tweet": {"id_str": ..., "full_text": ...}}, ...]``,
  with ``&amp;``, ``&lt;`` and ``&gt;`` HTML-escaped in ``full_text``.
* Facebook "Download your information" (JSON): ``your_posts_1.json`` is
  ``[{"timestamp": ..., "data": [{"post": "..."}], ...}, ...]``. Facebook writes each UTF-8
  byte as its own ``\\u00XX`` escape, so "café" arrives as "cafÃ©" and must be repaired.
* Mastodon "Request your archive": ``outbox.json`` is an ActivityStreams
  ``OrderedCollection`` whose ``orderedItems`` are activities; a post is a ``Create``
  whose ``object`` (a ``Note``) carries HTML ``content`` and an ``id`` URI.

Entries with no text of the user's own (a photo-only Facebook entry, a Mastodon boost)
are not posts: readers skip them and count them, they are not errors.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Any, ClassVar


def fix_facebook_mojibake(text: str) -> str:
    """Undo Facebook's export encoding (UTF-8 bytes written as Latin-1 escapes).

    Text that is not such mojibake (it has characters beyond Latin-1, or its bytes are
    not UTF-8) is returned unchanged, so repairing twice is harmless.
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


class _TextExtractor(HTMLParser):
    """Collects the visible text of a Mastodon post, with paragraphs and line breaks."""

    _BLOCK: ClassVar[frozenset[str]] = frozenset({"p", "div", "blockquote", "li", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK and self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, breaks kept."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()


def tweet_fields(entry: Any) -> tuple[Any, Any] | None:
    """``(id, text)`` of one ``tweets.js`` element, or ``None`` when it is not a tweet."""
    if not isinstance(entry, dict):
        return None
    tweet = entry.get("tweet", entry)
    if not isinstance(tweet, dict):
        return None
    text = tweet.get("full_text", tweet.get("text"))
    if isinstance(text, str):
        text = html.unescape(text)
    return tweet.get("id_str", tweet.get("id")), text


def facebook_fields(entry: Any) -> tuple[Any, Any] | None:
    """``(timestamp, post text)`` of one Facebook entry, or ``None`` when it has no text."""
    if not isinstance(entry, dict):
        return None
    data = entry.get("data")
    texts = [d["post"] for d in data if isinstance(d, dict) and "post" in d] if isinstance(data, list) else []
    if not texts:
        return None
    text = texts[0]
    if isinstance(text, str):
        text = fix_facebook_mojibake(text)
    return entry.get("timestamp"), text


def mastodon_fields(activity: Any) -> tuple[Any, Any] | None:
    """``(object id, plain text)`` of one outbox activity, or ``None`` when not a post."""
    if not isinstance(activity, dict) or activity.get("type") != "Create":
        return None  # Announce (a boost) republishes someone else's post
    obj = activity.get("object")
    if not isinstance(obj, dict):
        return None
    content = obj.get("content")
    if content is None and isinstance(obj.get("contentMap"), dict) and obj["contentMap"]:
        content = next(iter(obj["contentMap"].values()))
    if isinstance(content, str):
        content = html_to_text(content)
        warning = obj.get("summary")
        if isinstance(warning, str) and warning.strip():
            # A content warning is published too, so it is checked with the post.
            content = f"{html_to_text(warning)}\n\n{content}"
    return obj.get("id"), content
