"""Logging filters."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable


class RedactPaths(logging.Filter):
    """Masks the secret part of some request paths in every log line that goes through it.

    Django logs the path of each 4xx answer, each CSRF refusal and (runserver) each request;
    a path that is itself a credential, such as a personal answer link, must not reach the
    logs. Each pattern's first group is kept and the rest of its match becomes "redacted".
    """

    def __init__(self, patterns: Iterable[str] = ()):
        super().__init__()
        self.patterns = [re.compile(pattern) for pattern in patterns]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for pattern in self.patterns:
            redacted = pattern.sub(r"\1redacted", redacted)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
