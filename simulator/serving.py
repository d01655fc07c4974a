"""How `pasarela serve` listens: what aiohttp's own logger says about requests its parser refuses."""
from __future__ import annotations

import logging

from aiohttp.http_exceptions import HttpProcessingError

SERVER_LOGGER = "aiohttp.server"


class RefusedRequestLog(logging.Filter):
    """aiohttp answers a request its parser refuses (a header over 8,190 bytes, a bad request line) with a
    correct 400, and logs it at ERROR with a full traceback of its parser. A client's mistake is not the
    simulator's error: the record becomes one WARNING line, without the traceback and without the bytes
    aiohttp quotes (they may be a header's secret). Other records pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            remote = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "solicitud rechazada por el analizador HTTP (%s %s) de %s"
            record.args = (error.code, type(error).__name__, remote)
            record.exc_info, record.exc_text = None, None
        return True


def quiet_refused_requests() -> None:
    """Install RefusedRequestLog on aiohttp's server logger (once)."""
    logger = logging.getLogger(SERVER_LOGGER)
    if not any(isinstance(f, RefusedRequestLog) for f in logger.filters):
        logger.addFilter(RefusedRequestLog())
