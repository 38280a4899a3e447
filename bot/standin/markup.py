"""Telegram's text rules: HTML parse mode into plain text and entities, UTF-16 lengths, trimming, and
the bot_command and mention entities Telegram adds to text a user sends."""

from __future__ import annotations

import html
import re

from bot.standin.errors import ApiError

_HTML_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
              "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
              "a": "text_link", "code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
              "blockquote": "blockquote"}
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>")
_ATTR_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|(lt|gt|amp|quot));")
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/@])")
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")


def u16len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into plain text and MessageEntity dicts; raise ApiError(400) if it is malformed."""
    def fail(reason: str, index: int | None = None) -> ApiError:
        where = f" at byte offset {len(text[:index].encode())}" if index is not None else ""
        return ApiError(400, f"Bad Request: can't parse entities: {reason}{where}")

    out: list[str] = []
    stack: list[tuple[str, dict | None, int]] = []  # open tags: name, entity (None: no entity), start
    entities: list[dict] = []
    pos16 = i = 0
    while i < len(text):
        if text[i] == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise fail("Unsupported start tag" if ">" in text[i:] else "Unclosed start tag", i)
            name, i = m[2].lower(), m.end()
            if m[1]:  # end tag
                if not stack or stack[-1][0] != name:
                    raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"' if stack
                               else f'Unexpected end tag "{name}"', m.start())
                _, entity, start = stack.pop()
                if entity is not None and pos16 > start:
                    entities.append({**entity, "offset": start, "length": pos16 - start})
                continue
            if name not in _HTML_TAGS:
                raise fail(f'Unsupported start tag "{name}"', m.start())
            attrs = {a[1].lower(): html.unescape(a[2] or a[3] or a[4] or "") for a in _ATTR_RE.finditer(m[3])}
            opened = [s[0] for s in stack]
            if {"pre", "code"} & set(opened) and not (name == "code" and opened[-1] == "pre"):
                raise fail(f'Entities can\'t be nested in "{opened[-1]}"', m.start())
            if name == "blockquote" and "blockquote" in opened:
                raise fail("Blockquote entities can't be nested", m.start())
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise fail('Tag "span" must have class "tg-spoiler"', m.start())
            entity: dict | None = {"type": _HTML_TAGS[name]}
            if name == "a":
                entity = {"type": "text_link", "url": attrs["href"]} if attrs.get("href") else None
            elif name == "blockquote" and "expandable" in attrs:
                entity = {"type": "expandable_blockquote"}
            elif name == "code" and opened and opened[-1] == "pre":
                if attrs.get("class", "").startswith("language-") and stack[-1][1] is not None:
                    stack[-1][1]["language"] = attrs["class"][len("language-"):]
                entity = None
            stack.append((name, entity, pos16))
            continue
        if text[i] == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise fail('Character "&" must be escaped as "&amp;"', i)
            piece, i = html.unescape(m[0]), m.end()
        elif text[i] == ">":
            raise fail('Character ">" must be escaped as "&gt;"', i)
        else:
            piece, i = text[i], i + 1
        out.append(piece)
        pos16 += u16len(piece)
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def strip_text(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim surrounding whitespace like Telegram does, clipping entity ranges accordingly."""
    stripped = text.strip()
    lead = u16len(text[:len(text) - len(text.lstrip())])
    end, result = lead + u16len(stripped), []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            result.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, result



def auto_entities(text: str) -> list[dict]:
    """The bot_command and mention entities Telegram adds to text a user sends."""
    commands = list(_COMMAND_RE.finditer(text))
    mentions = [m for m in _MENTION_RE.finditer(text) if not any(c.start() <= m.start() < c.end() for c in commands)]
    return sorted(({"type": kind, "offset": u16len(text[:m.start()]), "length": u16len(m[0])}
                   for kind, found in (("bot_command", commands), ("mention", mentions)) for m in found),
                  key=lambda e: e["offset"])
