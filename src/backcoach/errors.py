"""One family of errors for everything backcoach refuses, each naming the field at fault.

Every error the library raises for something a person sent or asked is a
:class:`BackcoachError`: its message says what is wrong and how to fix it, ``field`` names
the value at fault (``"date"``, ``"pain_before"``, ``"program"``...) and ``code`` says what
kind of refusal it is. The front ends turn the code into a status or an exit code and never
read the message; the message is written in the reader's language where it is raised
(:mod:`backcoach.i18n`)::

    raise InvalidError(_("pain is from 0 to 10, not {pain}").format(pain=12),
                       field="pain_before")

answers 422 ``{"errors": [{"field": "pain_before", ...}]}`` from the API and exits with
code 2 from the command line (see :data:`HTTP_STATUS` and :data:`EXIT_CODE`).

The kinds also subclass the built-in exception a Python reader expects (``ValueError``,
``LookupError``, ``RuntimeError``), so ``except ValueError`` and pydantic validators keep
working with them.
"""

from __future__ import annotations

from typing import ClassVar, Literal

Code = Literal["invalid", "unauthorized", "forbidden", "not_found", "conflict", "too_large",
               "too_many", "unavailable", "broken"]

# How the web and the API answer each kind.
HTTP_STATUS: dict[str, int] = {
    "invalid": 422,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "too_many": 429,
    "unavailable": 503,
    "broken": 500,
}
# How the command line exits for each kind: 2 for what the person can fix by asking
# differently, 1 for what is wrong on this computer (the database, the installed data).
EXIT_CODE: dict[str, int] = {
    "invalid": 2,
    "unauthorized": 2,
    "forbidden": 2,
    "not_found": 2,
    "conflict": 2,
    "too_large": 2,
    "too_many": 1,
    "unavailable": 1,
    "broken": 1,
}


class BackcoachError(Exception):
    """Something backcoach refuses: ``message`` says what and how to fix it, ``field``
    names the value at fault (or None), ``code`` the kind of refusal."""

    code: ClassVar[Code] = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.code]

    @property
    def exit_code(self) -> int:
        return EXIT_CODE[self.code]


class InvalidError(BackcoachError, ValueError):
    """A value is wrong: out of range, in the future, unknown to the catalog."""

    code: ClassVar[Code] = "invalid"


class UnauthorizedError(BackcoachError):
    """Server mode: no one is logged in, or the email and password do not match."""

    code: ClassVar[Code] = "unauthorized"


class ForbiddenError(BackcoachError):
    """Server mode: the account's role may not do this (a patient inviting patients)."""

    code: ClassVar[Code] = "forbidden"


class NotFoundError(BackcoachError, LookupError):
    """Nothing has that id or name (or the person has not answered the questions yet)."""

    code: ClassVar[Code] = "not_found"


class ConflictError(BackcoachError):
    """The request is sound but conflicts with what is recorded (a session still running,
    a session already done today)."""

    code: ClassVar[Code] = "conflict"


class TooLargeError(BackcoachError):
    """A file or a request is larger than backcoach accepts."""

    code: ClassVar[Code] = "too_large"


class TooManyError(BackcoachError):
    """Too many tries in a short time (logins); the message says when to try again."""

    code: ClassVar[Code] = "too_many"

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after  # seconds


class UnavailableError(BackcoachError, RuntimeError):
    """The database cannot be reached, opened or upgraded; the message says what to do."""

    code: ClassVar[Code] = "unavailable"


class BrokenDataError(BackcoachError):
    """The data installed with backcoach (catalog, figures) is invalid: a bug to report."""

    code: ClassVar[Code] = "broken"


class LandmarkFileError(InvalidError):
    """A pose landmark stream (JSON lines) cannot be read: the message names the line."""


class UnsupportedExerciseError(NotFoundError):
    """The camera coach has no motion rules for that exercise; the message lists those it
    has."""


class PoseModelMissingError(UnavailableError):
    """The camera coach's pose model (MediaPipe, the ``camera`` extra) is not installed; the
    message says how to install it."""


class CameraUnavailableError(UnavailableError):
    """A camera (a device number) cannot be opened or gives no pictures."""


class VideoError(InvalidError):
    """A video file, or a picture sent as JPEG, is missing or cannot be decoded."""


__all__ = ["EXIT_CODE", "HTTP_STATUS", "BackcoachError", "BrokenDataError",
           "CameraUnavailableError", "Code", "ConflictError", "ForbiddenError", "InvalidError",
           "LandmarkFileError", "NotFoundError", "PoseModelMissingError", "TooLargeError",
           "TooManyError", "UnauthorizedError", "UnavailableError", "UnsupportedExerciseError",
           "VideoError"]
