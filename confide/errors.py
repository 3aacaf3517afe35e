"""Confide's exception hierarchy.

ConfideError
 ├── ConfigError          bad or contradictory configuration
 │    ├── RulesError       a safety rules data file is malformed (unknown key, duplicate id, ...)
 │    └── ContentError     a reviewed content file (texts, resources, moves) is malformed
 ├── InputError           a message or transcript that cannot be processed
 │    └── SessionNotFoundError  no stored session has the requested id
 ├── ModelError           the chat model failed (network, timeout, bad answer)
 │    ├── ParseError      the model's answer could not be parsed (counts as unsafe)
 │    ├── ModelTimeoutError  the turn's total deadline passed before the model finished
 │    └── EndpointError   the endpoint's model list could not be read (model picker)
 ├── MemoryStoreError     the memory store failed or is inconsistent
 │    └── EmbedderMismatchError  a collection built with another embedder/dimension
 ├── StorageError         the conversation store is busy or failed (nothing was lost)
 └── ModelNotAllowedError a real model was requested where none is allowed (tests)
"""

from __future__ import annotations


class ConfideError(Exception):
    """Base class of every error Confide raises on purpose."""


class ConfigError(ConfideError):
    """Configuration is missing, malformed or contradictory."""


class RulesError(ConfigError):
    """A safety rules data file is malformed; the message names the file and the rule id."""


class ContentError(ConfigError):
    """A reviewed content file is malformed (texts, exercises, resources, composer moves).

    Raised when the module that reads the file is imported; the message names the file and
    the entry (locale and key, region, move id).
    """


class InputError(ConfideError):
    """Input that cannot be processed (empty transcript, malformed JSON, ...)."""


class SessionNotFoundError(InputError):
    """No stored session of this user has the requested id (``--session``, ``/delete``)."""


class ModelError(ConfideError):
    """The chat model failed: unreachable, timed out, refused, or answered nonsense."""


class ParseError(ModelError):
    """A model answer could not be parsed. Safety code treats this as unsafe (fail closed)."""


class ModelTimeoutError(ModelError):
    """The turn's total deadline passed before the model finished (hang, trickle, slow)."""


class EndpointError(ModelError):
    """``GET {base_url}/models`` failed or did not return a model list."""


class MemoryStoreError(ConfideError):
    """The memory store failed or holds inconsistent data."""


class EmbedderMismatchError(MemoryStoreError):
    """A memory collection was built with a different embedder or dimension."""


class StorageError(ConfideError):
    """The conversation store stayed locked or failed; the message was kept, not lost."""


class ModelNotAllowedError(ConfideError):
    """A real model was requested where none is allowed (e.g. in tests without the marker)."""
