"""Settings of `pasarela serve`: each option also from an environment variable (PASARELA_*)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PASARELA_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    db: str = "pasarela.sqlite3"
    seed: int = 2026  # Faker seed for reproducible demo data
    max_body_bytes: int = Field(1024 * 1024, ge=1024)  # refuse bigger SOAP bodies (HTTP 413)
    control_token: str | None = None  # required by /_sim/ when not bound to loopback
    journal: Literal["off", "metadata", "full"] = "full"  # request journal: bodies masked, batched writes
    workers: int = Field(1, ge=1, le=32)  # processes sharing the port (SO_REUSEPORT) and the database
    # Slow clients (simulator/serving.py): seconds to complete a request's headers and its body, seconds an
    # idle kept-alive connection stays open, and connections served at once per process (503 past it).
    header_timeout: float = Field(15.0, gt=0, le=3600)
    body_timeout: float = Field(60.0, gt=0, le=3600)
    keepalive_timeout: float = Field(75.0, gt=0, le=3600)
    max_connections: int = Field(1024, ge=1, le=1_000_000)
    log_level: Literal["debug", "info", "warning", "error"] = "warning"
    log_format: Literal["text", "json"] = "text"  # json: one JSON object a line, with the request id
    worker: bool = False  # internal: this process is one of a master's workers
    # The recaudo portal (/recaudo/): its bot check, how often its sonda looks for due payments, the
    # loopback-only POST /recaudo/_sonda/ejecutar for tests, and (for `pasarela portal`) the remote gateway.
    bot_check: Literal["off", "challenge"] = "challenge"
    sonda_tick: float = Field(60.0, ge=0)  # seconds; 0 turns the background sonda off
    portal_test_hooks: bool = False
    # How often the gateway's deliverer looks for due notifications to merchants (seconds; 0 turns it off).
    notification_tick: float = Field(1.0, ge=0, le=3600)
    gateway: str | None = None  # `pasarela portal --gateway URL`: the ZonaPAGOS base URL
