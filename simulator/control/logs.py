"""The simulator's logs: a level and a format chosen at start (`--log-level`, `--log-format text|json`), and a
request id on every line written while a request is handled — the same id the journal keeps for that request
and the `X-Request-Id` header of its answer.

JSON lines carry `ts`, `nivel`, `origen`, `mensaje`, `request_id` (null outside a request) and, for an error, the
exception's type (never its traceback's local values: a body could be in them).
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import re
from contextvars import ContextVar
from datetime import datetime, timezone

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
LEVELS = ("debug", "info", "warning", "error")
FORMATS = ("text", "json")
_COUNTER = itertools.count(1)
_SENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}", re.ASCII)


def new_request_id(sent: str = "") -> str:
    """The caller's X-Request-Id when it is a plain token, else this process's next id (pid-counter)."""
    if sent and _SENT_ID.fullmatch(sent):
        return sent
    return f"{os.getpid():x}-{next(_COUNTER):x}"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "nivel": record.levelname, "origen": record.name, "mensaje": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or None,
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
            line["traza"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(level: str = "warning", fmt: str = "text") -> None:
    """Install the root handler: `level` one of LEVELS, `fmt` one of FORMATS."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLines() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())
