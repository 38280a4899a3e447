"""Named exceptions of the knowledge layer; their messages are Chinese and safe to show users."""


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
