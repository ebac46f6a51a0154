"""The newsgraph exception tree: every failure is a `NewsgraphError` whose message names the bad value and the fix."""

from __future__ import annotations

__all__ = [
    "NewsgraphError",
    "ReadError",
    "UnsupportedFormatError",
    "EmptyInputError",
    "BinaryInputError",
    "EncodingError",
    "NotEnglishError",
    "ModelNotFoundError",
    "SchemaError",
    "StoreError",
    "NotFoundError",
    "EvalDataError",
    "ResourceError",
    "ConfigError",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class ReadError(NewsgraphError):
    """An input could not be turned into articles."""


class UnsupportedFormatError(ReadError):
    """The input format is unknown or was named wrongly."""


class EmptyInputError(ReadError):
    """The input holds no text."""


class BinaryInputError(ReadError):
    """The input is binary data, not text."""


class EncodingError(ReadError):
    """The input's bytes could not be decoded as text."""


class NotEnglishError(ReadError):
    """The article is not in English, the only language the models read."""


class ModelNotFoundError(NewsgraphError):
    """The spaCy model named is not installed."""


class SchemaError(NewsgraphError):
    """Data claims a schema version this code does not read."""


class StoreError(NewsgraphError):
    """The database could not be opened, migrated or written."""


class NotFoundError(StoreError):
    """No stored item has the id or name asked for."""


class EvalDataError(NewsgraphError):
    """A gold set needed for evaluation is missing or malformed."""


class ResourceError(NewsgraphError):
    """A bundled lexicon or table under resources/ is malformed."""


class ConfigError(NewsgraphError):
    """A setting has a value newsgraph cannot use."""
