"""Named exceptions of the knowledge layer; their messages are Chinese and safe to show users.

`quoted` is how any message (a refusal, a preview, an import's row error) quotes what a user wrote.
"""

# A quote of the user's own words shows this many characters at most: enough to recognise the word,
# while a refusal that repeated a 4,096-character message whole went over Telegram's limit and was lost.
QUOTE_CHARS = 30


def quoted(text: object, limit: int = QUOTE_CHARS) -> str:
    """`text` (str() of it) as a message quotes it: whole when at most `limit` characters, else its first
    `limit` characters and "…". The caller adds the quotation marks (“”) where the sentence wants them."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


class KnowledgeError(Exception):
    """Base class: anything the knowledge layer refuses, with a reason a user can read."""


class QuantityError(KnowledgeError, ValueError):
    """A value that cannot be read as a quantity, or is in the wrong unit for its indicator."""


class UnknownIndicatorError(KnowledgeError, LookupError):
    """No indicator matches the name given."""


class SeedError(KnowledgeError):
    """A seed file is missing a column or holds a row that contradicts the data model."""


class UnreadableValueError(KnowledgeError):
    """A value written in a form that cannot be read (a period, a 同比, a monthly plan, a threshold, an
    alias, a responsible unit): the message says what is wrong with it; the command that took the value
    adds how to write it (handlers.arguments)."""
