"""`backcoach serve`: the web app and the REST API on this computer."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, cli, fail, open_store
from backcoach.i18n import _
from backcoach.settings import shown_url
from backcoach.words import plural

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from backcoach.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORTS_TRIED = 10  # without --port, the first free one of 8000-8009


def _free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # As uvicorn binds: a port whose last connections linger in TIME_WAIT (for a
        # minute after a restart) is free; one with a listener is not.
        if os.name != "nt":  # on Windows the flag would let two listeners share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _port(host: str, wanted: int | None) -> int:
    if wanted is not None:
        if not _free(host, wanted):
            fail(_("--port {port}: that port is already in use on {host}; choose another or "
                   "leave --port out to take a free one").format(port=wanted, host=host))
        return wanted
    for port in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED):
        if _free(host, port):
            return port
    fail(_("ports {first}-{last} are all in use on {host}; give one with --port").format(
        first=DEFAULT_PORT, last=DEFAULT_PORT + PORTS_TRIED - 1, host=host))


def _can_show_a_browser() -> bool:
    if os.environ.get("CI"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # macOS and Windows always have a desktop


def _open_when_up(host: str, port: int, url: str) -> None:
    """Open the browser at ``url`` once the server answers (in a thread, up to 10 s)."""

    def wait_then_open() -> None:
        import webbrowser

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            return
        webbrowser.open(url)

    threading.Thread(target=wait_then_open, daemon=True).start()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on. The default answers "
                                      "this computer only; without --server there are no "
                                      "accounts, so only widen it on a network you trust.")
                    ] = DEFAULT_HOST,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="The port; default the "
                                             "first free one from 8000.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database: an SQLite file path or "
                                           "URL, or a PostgreSQL URL (as the --db before "
                                           "the command).")] = None,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the web app "
                                               "in the browser when there is a screen.")
                            ] = False,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another name this server answers to (e.g. its name on your "
        "network, with --host 0.0.0.0); repeat for more. Requests naming any other host "
        "are refused, so a web page elsewhere cannot reach it by a name of its own.")
                          ] = None,
    server: Annotated[bool, typer.Option(
        "--server", help="Server mode, for a clinic: accounts and logins (see 'backcoach "
        "accounts'), each person sees only their own records. Needs --db (PostgreSQL; an "
        "SQLite file to try it).")] = False,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Server mode: the number of app processes.")] = 1,
    camera: Annotated[bool | None, typer.Option(
        "--camera/--no-camera", help="Offer the camera coach on the player page (needs the "
        "camera extra). On by default on this computer; off by default with --server, where "
        "the pictures would go to the server.")] = None,
) -> None:
    """Start the web app and the REST API (/api/v1) and print the address to open."""
    import uvicorn

    from backcoach.settings import LOCAL_HOSTS
    from backcoach.web.app import create_app, settle_for_serving

    run = cli()
    if db is not None:
        run.database = db
    if server and run.database is None:
        fail(_("--server needs the database named: --db postgresql://user@host/backcoach (or "
               "an SQLite file to try it), or BACKCOACH_DATABASE_URL"))
    if workers > 1 and not server:
        fail(_("--workers is for server mode: add --server (one person needs one process)"))
    settings = replace(run.settings.listening_on(host), server=server)
    if camera is not None:
        settings = replace(settings, camera=camera)
    for name in allow_host or ():
        settings = settings.listening_on(name)
    store = open_store()  # creates or upgrades the database, and says so
    accounts = _accounts(store.engine) if server else 0
    store.engine.dispose()
    chosen = _port(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{chosen}/"
    typer.echo(_("backcoach is running at {url}  (Ctrl+C to stop)").format(url=url))
    typer.echo(_("Records: {url}").format(url=shown_url(settings.database_url)))
    if server:
        shown_accounts = plural(accounts, "account")
        processes = plural(workers, "process", "processes")
        typer.echo(_("Server mode: logins required; {accounts}").format(accounts=shown_accounts)
                   + (f", {processes}." if workers > 1 else "."))
        if not accounts:
            typer.echo(_("No one can log in yet: backcoach accounts add EMAIL --role "
                         "clinician"), err=True)
        if host not in LOCAL_HOSTS and not settings.https:
            typer.echo(_("Passwords cross the network in the clear: serve behind HTTPS (a "
                         "reverse proxy) and set BACKCOACH_HTTPS=1."), err=True)
    elif host not in LOCAL_HOSTS:
        typer.echo(_("Listening on {host}: anyone who can reach this computer can see and "
                     "change your records (there are no accounts; --server adds them).").format(
            host=host), err=True)
    if open_browser and _can_show_a_browser():
        _open_when_up(host, chosen, url)
    options = {"host": host, "port": chosen, "log_level": "warning", "access_log": False}
    if workers > 1:
        # Each worker process builds its own app, so the settings travel to it the one
        # way uvicorn offers: the environment that app_from_env reads.
        os.environ.update(_environment(settings))
        uvicorn.run("backcoach.web.app:app_from_env", factory=True, workers=workers,
                    **options)  # type: ignore[arg-type]
        return
    app = create_app(settings)
    settle_for_serving()
    uvicorn.run(app, **options)  # type: ignore[arg-type]


def _accounts(engine: Engine) -> int:
    from backcoach.store.accounts import Accounts

    return Accounts(engine).count()


def _environment(settings: Settings) -> dict[str, str]:
    """Return the environment that gives a worker process these settings."""
    from backcoach.settings import ENV_CAMERA, ENV_HOSTS, ENV_HTTPS, ENV_SERVER, LOCAL_HOSTS
    from backcoach.store.settings import ENV_DATABASE_URL

    return {ENV_DATABASE_URL: settings.database_url,
            ENV_HOSTS: ",".join(h for h in settings.hosts if h not in LOCAL_HOSTS),
            ENV_HTTPS: "1" if settings.https else "", ENV_SERVER: "1" if settings.server else "",
            ENV_CAMERA: "" if settings.camera is None else "1" if settings.camera else "0"}
