"""The demo's console input: what was typed or pasted, as whole messages, read so that nothing invalid
reaches the stand-in.

The rule for several lines:
- on a terminal, lines that arrive together (each within PASTE_GAP of the one before: a paste; nobody
  types a whole line that fast) are one message, sent by the Enter after the paste — the Enter that
  ends the paste's last line, or an empty line when the paste ended with a line break;
- from a pipe or a file each line is a message;
- anywhere, text between the bracketed-paste markers ESC[200~ and ESC[201~ is one message.

Standard input is read as bytes and decoded with replacement characters, so a line cut inside a
character (a terminal keeps at most 4095 bytes of a line) or bytes in another encoding become "�", not
the lone surrogates that Python's surrogateescape makes and JSON cannot carry.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import re
import select
import sys
import threading
from collections.abc import Callable

PASTE_GAP = 0.1  # seconds: lines closer than this arrived together
TERMINAL_LINE_BYTES = 4095  # a Linux terminal's line buffer in canonical mode; the rest of a line is dropped
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
_TOKENS = re.compile(r"(\x1b\[20[01]~|\r\n|\r|\n)")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD: JSON, and so Telegram, cannot carry one."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _held_back(text: str) -> int:
    """How many characters at the end of ``text`` may begin a marker or a CR LF still on its way."""
    for length in range(min(len(PASTE_START) - 1, len(text)), 0, -1):
        if PASTE_START.startswith(text[-length:]) or PASTE_END.startswith(text[-length:]):
            return length
    return 1 if text.endswith("\r") else 0


class Lines:
    """Console text, fed in chunks as it arrives, cut into lines; a line break inside a bracketed paste
    stays in its line."""

    def __init__(self) -> None:
        self._rest = ""
        self._line: list[str] = []
        self._bracketed = False

    def feed(self, text: str, *, final: bool = False) -> list[str]:
        """The lines completed by ``text``; with ``final`` (end of input) the unfinished one too."""
        text = self._rest + text
        keep = 0 if final else _held_back(text)
        text, self._rest = text[:len(text) - keep], text[len(text) - keep:]
        lines = []
        for token in _TOKENS.split(text):
            if token in (PASTE_START, PASTE_END):
                self._bracketed = token == PASTE_START
            elif token in ("\r\n", "\r", "\n") and self._bracketed:
                self._line.append("\n")
            elif token in ("\r\n", "\r", "\n"):
                lines.append("".join(self._line))
                self._line = []
            else:
                self._line.append(token)
        if final and (self._line or self._bracketed):
            lines.append("".join(self._line))
            self._line, self._bracketed = [], False
        return lines


class Pastes:
    """Lines that arrived together on a terminal, turned into messages: a paste waits for its Enter."""

    def __init__(self) -> None:
        self._pasted: list[str] = []

    def arrived(self, lines: list[str]) -> list[str]:
        """The messages completed by ``lines``, which arrived together."""
        if len(lines) > 1:
            self._pasted.extend(lines)
            return []
        if self._pasted and lines:  # the Enter after a paste: its last line, or an empty line
            message, self._pasted = "\n".join(self._pasted + lines), []
            return [message]
        return lines

    def end(self) -> list[str]:
        """At the end of input: a paste still waiting for its Enter."""
        message, self._pasted = "\n".join(self._pasted), []
        return [message] if message.strip() else []

    @property
    def waiting(self) -> int:
        """How many pasted lines wait for an Enter."""
        return len(self._pasted)


def read_messages(fd: int, put: Callable[[str | None], None], say: Callable[[str], None], *,
                  terminal: bool, encoding: str = "utf-8") -> None:
    """Read ``fd`` to its end, calling ``put`` with each message (see the module's rule), then with None.

    ``say`` gets a line for the user: a paste waiting for its Enter, a line the terminal may have cut."""
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    lines, pastes = Lines(), Pastes()
    ended = False
    while not ended:
        chunk = os.read(fd, 1 << 16)
        ended = not chunk  # a terminal's Ctrl-D is read once: remember it
        while not ended and terminal and select.select([fd], [], [], PASTE_GAP)[0]:
            more = os.read(fd, 1 << 16)
            chunk, ended = chunk + more, not more
        text = clean_text(decoder.decode(chunk, final=ended))
        arrived = lines.feed(text, final=ended)
        if terminal and any(len(line.encode(encoding, "replace")) >= TERMINAL_LINE_BYTES - 2 for line in arrived):
            say(f"（这一行到了终端一行的上限 {TERMINAL_LINE_BYTES} 字节，后面的可能已被终端丢掉；"
                f"长文本请存成文件，用“文件 路径”发送）")
        for message in (pastes.arrived(arrived) if terminal else arrived):
            put(message)
        if terminal and len(arrived) > 1 and pastes.waiting:
            say(f"（粘贴了 {pastes.waiting} 行：按回车把它们作为一条消息发送）")
    for message in pastes.end():
        put(message)
    put(None)


def console_messages() -> asyncio.Queue:
    """Messages typed on the console (None at the end of input), read by a daemon thread. Not the
    loop's default executor: asyncio.run waits for that at exit, and a thread blocked reading would
    hold Ctrl-C until the next line is typed."""
    loop, messages = asyncio.get_running_loop(), asyncio.Queue()
    fd = sys.stdin.fileno()

    def put(message: str | None) -> None:
        try:
            loop.call_soon_threadsafe(messages.put_nowait, message)
        except RuntimeError:  # the loop is closed: the demo is ending
            pass

    def read() -> None:
        try:
            read_messages(fd, put, lambda line: print(line, flush=True), terminal=os.isatty(fd),
                          encoding=sys.stdin.encoding or "utf-8")
        except OSError:  # stdin closed under us: input is over
            put(None)

    threading.Thread(target=read, name="console", daemon=True).start()
    return messages
