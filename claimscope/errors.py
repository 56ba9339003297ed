"""Typed errors that the CLI and the API turn into messages; the library never prints."""


class ClaimscopeError(Exception):
    """Base class of every error claimscope raises on purpose."""


class InputRejected(ClaimscopeError):
    """An input that cannot become an article; ``reason`` is shown to the user as is."""

    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


class StoreError(ClaimscopeError):
    """The store could not be opened or written."""


class GoldError(ClaimscopeError):
    """A gold file is malformed."""
