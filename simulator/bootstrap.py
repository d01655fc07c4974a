"""The composition root: the one place that builds adapters and wires them into the simulator."""
from __future__ import annotations

import random
from datetime import date
from urllib.parse import urlsplit

from aiohttp import web

from adapters.bot_check import bot_check
from adapters.clock import StoredOffsetClock, SystemClock
from adapters.core_banking.seed import seed_cooperative
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.otp.inbox_channel import NotifierOtpChannel
from adapters.portal.app import create_portal_app
from adapters.portal.config import PortalPorts, PortalSettings
from adapters.storage.recaudo_sqlite import (
    SqlitePortalPayments, SqlitePortalSecrets, SqliteRecaudoSessions, SqliteSondaLock,
)
from adapters.storage.sqlite import SqliteIds, connect
from adapters.zonapagos.client import ZonaPagosClient, ZonaPagosConfig
from domain.recaudo.usecases.payment import EntityContacts
from ports.clock import Clock
from ports.notifications import Notifier
from adapters.storage.journal_sqlite import SqliteJournal
from adapters.storage.sim_state import SqliteFaultRules
from adapters.storage.sqlite import SqliteStore, wipe_data
from simulator.app import World
from simulator.faults import FaultInjector
from simulator.journal import JournalRecorder
from simulator.pse.network import AchNetwork
from domain.ach.policy import AchPolicy
from simulator.coopcentral.pages import BOT_CHECK_LIFETIME_SECONDS, BOT_CHECK_PURPOSE
from simulator.coopcentral.seed import seed_coopcentral
from simulator.pse.seed import seed_pse_data
from simulator.notifications import StoredNotifier
from simulator.seed import (
    DEMO_MERCHANT_ID, DEMO_ROUTE, DEMO_SERVICE_CODE, DEMO_START_PASSWORD, DEMO_SUPPORT_EMAIL, DEMO_SUPPORT_PHONE,
    DEMO_VERIFY_PASSWORD, DEMO_VERIFY_USER, seed_demo_data,
)
from simulator.settings import Settings
from simulator.web.csrf import form_secret


def base_url(settings: Settings, port: int | None = None) -> str:
    host = settings.host if settings.host not in ("0.0.0.0", "::") else "127.0.0.1"
    return f"http://{host}:{port if port is not None else settings.port}"


def seed_world(store: SqliteStore, settings: Settings) -> None:
    """Every piece of demo data; each seed only adds what is missing."""
    seed_demo_data(store)
    seed_pse_data(store)
    seed_coopcentral(store)
    seed_cooperative(SqliteCoreBanking(store.conn), settings.seed, date.today())


def prepare_database(settings: Settings) -> None:
    """Migrate and seed the file once, and start from real time: what a (master) process does at start."""
    store = SqliteStore(settings.db)
    seed_world(store, settings)
    StoredOffsetClock(store.conn).reset()
    store.close()


def reset_world(store: SqliteStore, settings: Settings, journal: SqliteJournal | None = None) -> list[str]:
    """POST /_sim/reset: every payment, token, message, visit and journal entry goes; demo data is seeded
    again as on a fresh file (merchants created through the control API go too)."""
    tables = wipe_data(store.conn)
    if journal is not None:  # in its own file (adapters/storage/journal_sqlite.py)
        journal.clear()
        tables = sorted([*tables, "journal"])
    seed_world(store, settings)
    return tables


def build_world(settings: Settings) -> World:
    store = SqliteStore(settings.db)
    store.start_checkpointer()
    clock = StoredOffsetClock(store.conn, freshness=store.freshness)
    journal = SqliteJournal.beside(settings.db)
    world = World(
        store=store, clock=clock, settings=settings,
        faults=FaultInjector(SqliteFaultRules(store.conn, store.freshness)),
        journal=JournalRecorder(journal, clock, settings.journal),
        pse=AchNetwork(store, clock, AchPolicy()),
        portal=build_portal(settings, base_url(settings), clock, StoredNotifier(store, clock)),
        core_banking=SqliteCoreBanking(store.conn),
        reset=lambda: reset_world(store, settings, journal),
        renew_reads=store.freshness.renew,
    )
    # The Portal Transaccional's bot check, signed with the pages' secret (read from the store on first use).
    world.coopcentral_bot_check = bot_check(
        settings.bot_check, lambda: form_secret(world), BOT_CHECK_LIFETIME_SECONDS, BOT_CHECK_PURPOSE)
    return world


def build_portal(settings: Settings, gateway_url: str, clock: Clock, notifier: Notifier) -> web.Application:
    """The recaudo portal on its own connection to the database file, paying through ZonaPAGOS at
    `gateway_url` (this process's own URL when served beside the simulator) as the demo merchant."""
    conn = connect(settings.db)
    gateway_url = gateway_url.rstrip("/")
    config = ZonaPagosConfig(base_url=gateway_url, merchant_id=DEMO_MERCHANT_ID, start_password=DEMO_START_PASSWORD,
                             verify_user=DEMO_VERIFY_USER, verify_password=DEMO_VERIFY_PASSWORD, route=DEMO_ROUTE,
                             service_code=DEMO_SERVICE_CODE)
    ports = PortalPorts(
        core=SqliteCoreBanking(conn), sessions=SqliteRecaudoSessions(conn), payments=SqlitePortalPayments(conn),
        sonda_lock=SqliteSondaLock(conn), otp_channel=NotifierOtpChannel(notifier),
        ids=SqliteIds(conn, random.SystemRandom()), clock=clock,
        gateway_factory=lambda session: ZonaPagosClient(config, session),
        form_secret=lambda candidate: SqlitePortalSecrets(conn).secret("formularios", candidate),
    )
    parts = urlsplit(gateway_url)
    gateway_origin = f"{parts.scheme}://{parts.netloc}" if gateway_url != base_url(settings) else ""
    portal = create_portal_app(ports, PortalSettings(
        merchant_id=DEMO_MERCHANT_ID, contacts=EntityContacts(DEMO_SUPPORT_PHONE, DEMO_SUPPORT_EMAIL),
        gateway_origin=gateway_origin, bot_check=settings.bot_check, sonda_tick_seconds=settings.sonda_tick,
        test_hooks=settings.portal_test_hooks,
    ))

    async def close_connection(app: web.Application) -> None:  # after the sonda's task has stopped
        conn.close()

    portal.on_cleanup.append(close_connection)
    return portal


def build_standalone_portal(settings: Settings) -> tuple[web.Application, SqliteStore]:
    """`pasarela portal`: the portal alone on its own file, against a remote gateway, on the system clock.
    OTP messages go to that file's inbox (the simulator's notifications table)."""
    store = SqliteStore(settings.db)
    seed_cooperative(SqliteCoreBanking(store.conn), settings.seed, date.today())
    clock = SystemClock()
    return build_portal(settings, settings.gateway or "", clock, StoredNotifier(store, clock)), store
