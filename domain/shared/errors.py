"""Domain errors. Each wire maps them to its own error form in one place."""


class DomainError(Exception):
    """A business rule refused the request. The message is Spanish and safe to show a user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidAmount(DomainError):
    pass


class IllegalTransition(DomainError):
    pass
