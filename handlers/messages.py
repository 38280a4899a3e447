"""Telegram's limits on what one message may hold, and the one way a long text is cut to fit them:
split into messages (split_message), or, where it cannot be split (an edit, a caption), shortened
(shorten_message). bot/sending.py applies them to anything sent over the limit all the same.

The text itself is made by the renderer (knowledge/render.py, the one place user-facing text is made);
how it is divided into messages, photo captions included, is Telegram's business and lives here.
"""

from __future__ import annotations

import html as html_lib
import re

TELEGRAM_LIMIT = 4096  # characters in one text message
CAPTION_LIMIT = 1024  # characters in one photo or document caption


# A tag, a character reference, or one character: the units a message may be cut between.
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});"
                         r"|[\s\S]")


def split_message(text: str, limit: int = TELEGRAM_LIMIT, *, html: bool = True) -> list[str]:
    """Split a message into pieces of at most `limit` characters (Telegram allows 4,096), each one a
    message Telegram accepts on its own.

    Cuts fall on line boundaries where a line fits, else inside the line. With `html` (Telegram HTML,
    the default) a cut never falls inside a tag or a character reference such as "&amp;", and a tag
    open at a cut is closed at the end of the piece and opened again at the start of the next, so
    every piece parses whatever the text. Pieces with nothing visible are left out. The limit counts
    the markup too, so the text Telegram counts is never longer.
    """
    if len(text) <= limit:
        return [text] if _visible(text, html) else []
    pieces: list[str] = []
    opened: tuple[str, ...] = ()  # the raw opening tags in force where the current piece starts
    pending = list(_tokens(text, html))
    pending.reverse()  # a stack: the next token is last
    current: list[tuple[str, tuple[str, ...]]] = []  # (token, tags open after it)
    size = 0  # characters of the current piece's tokens
    stack = opened
    while pending:
        token = pending.pop()
        after = _after(stack, token) if html else stack
        if current and len(_opening(opened)) + size + len(token) + len(_closing(after)) > limit:
            cut = _line_cut(current, opened, limit)
            kept, rest = current[:cut], current[cut:]
            if rest and rest[0][0] == "\n":
                rest = rest[1:]  # the line break the piece ends on
            end_stack = kept[-1][1] if kept else opened
            piece = _opening(opened) + "".join(t for t, _ in kept) + _closing(end_stack)
            if _visible(piece, html):
                pieces.append(piece)
            pending.append(token)
            pending.extend(t for t, _ in reversed(rest))
            opened, current, size, stack = end_stack, [], 0, end_stack
            continue
        current.append((token, after))
        size += len(token)
        stack = after
    piece = _opening(opened) + "".join(t for t, _ in current) + _closing(stack)
    if current and _visible(piece, html):
        pieces.append(piece)
    return pieces


def shorten_message(text: str, limit: int, *, html: bool = True) -> str:
    """`text` as one message of at most `limit` characters, for what cannot be split (an edit, a
    caption): whole when it fits, else as much as fits followed by "…", cut as split_message cuts (never
    inside a tag or a character reference, the tags open at the cut closed)."""
    if len(text) <= limit:
        return text
    kept: list[str] = []
    stack: tuple[str, ...] = ()
    size = 0
    for token in _tokens(text, html):
        after = _after(stack, token) if html else stack
        if size + len(token) + len("…") + len(_closing(after)) > limit:
            break
        kept.append(token)
        size += len(token)
        stack = after
    return "".join(kept) + "…" + _closing(stack)


def _tokens(text: str, html: bool):
    if not html:
        yield from text
        return
    for match in _HTML_TOKEN.finditer(text):
        yield match.group(0)


def _after(stack: tuple[str, ...], token: str) -> tuple[str, ...]:
    """The open tags after `token`: an opening tag is pushed, its end tag pops it."""
    if len(token) < 3 or token[0] != "<":
        return stack
    match = _HTML_TOKEN.fullmatch(token)
    if match is None or match.group(2) is None:
        return stack
    name = match.group(2).lower()
    if match.group(1):
        for index in range(len(stack) - 1, -1, -1):
            if _tag_name(stack[index]) == name:
                return stack[:index] + stack[index + 1:]
        return stack
    return stack + (token,)


def _tag_name(tag: str) -> str:
    return _HTML_TOKEN.fullmatch(tag).group(2).lower()


def _opening(stack: tuple[str, ...]) -> str:
    return "".join(stack)


def _closing(stack: tuple[str, ...]) -> str:
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def _line_cut(current: list[tuple[str, tuple[str, ...]]], opened: tuple[str, ...], limit: int) -> int:
    """Where to end the piece: before its last line break if the piece still fits there, else at the end."""
    prefix, size = len(_opening(opened)), 0
    best = len(current)
    for index, (token, after) in enumerate(current):
        if token == "\n" and index > 0:
            before = current[index - 1][1]
            if prefix + size + len(_closing(before)) <= limit:
                best = index
        size += len(token)
    return best


def _visible(piece: str, html: bool) -> bool:
    """Whether Telegram would find any text in the piece (it refuses an empty message)."""
    if not html:
        return bool(piece.strip())
    return bool(html_lib.unescape(re.sub(r"<[^<>]*>", "", piece)).strip())
