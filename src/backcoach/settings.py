"""How one backcoach runs: where the records are, which host names the server answers to.

Settings are read once, where the program starts (the command line's options, or the
environment for a server started by another tool), and passed down as a value; nothing
below reads the environment again::

    settings = Settings.load("~/back.db")           # --db, else BACKCOACH_DATABASE_URL
    app = create_app(settings)                       # backcoach.web
    store, _ = Store.open(settings.database_url)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.store.settings import ENV_DATABASE_URL, database_url

# The names a browser on this computer uses for it; a server answers to these and to the
# address it listens on (a page on another site reaching it by another name is refused).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SCHEMES = ("sqlite", "postgresql")  # the databases backcoach is built and tested on
# A server started by another tool (``uvicorn --factory backcoach.web.app:app_from_env``
# behind a proxy) names the host names it answers to, comma-separated, and whether it is
# reached over HTTPS.
ENV_HOSTS = "BACKCOACH_HOSTS"
ENV_HTTPS = "BACKCOACH_HTTPS"
# Server mode: accounts, logins, each person sees only their own records (``serve
# --server``, or this set to 1 for a server started by another tool).
ENV_SERVER = "BACKCOACH_SERVER"
# The camera coach in the browser (``serve --camera``/``--no-camera``, or this set to 1 or 0):
# on by default in local mode, off by default in server mode, where the pictures would
# travel to the clinic's server.
ENV_CAMERA = "BACKCOACH_CAMERA"
_YES = ("1", "true", "yes")
_NO = ("0", "false", "no")


def shown_url(url: str) -> str:
    """Return ``url`` fit to print: a password in it becomes ***."""
    return re.sub(r"(://[^:/@]+:)[^@/]*@", r"\1***@", url)


@dataclass(frozen=True)
class Settings:
    """One backcoach's settings; build with :meth:`load`."""

    database_url: str
    hosts: tuple[str, ...] = LOCAL_HOSTS
    # Served behind HTTPS (a reverse proxy): answers carry HSTS, cookies are Secure.
    https: bool = False
    # Server mode: every request is an account's (see backcoach.web.gate).
    server: bool = False
    # The camera coach in the browser: None leaves it to the mode (see camera_enabled).
    camera: bool | None = None

    @property
    def camera_enabled(self) -> bool:
        """Whether the web app offers the camera coach: as set, else on in local mode and
        off in server mode (there the operator turns it on). Whether it can run (the
        camera extra installed) is another question: backcoach.camera.pose.installed()."""
        return self.camera if self.camera is not None else not self.server

    @classmethod
    def load(cls, database: str | None = None, *,
             environ: Mapping[str, str] | None = None) -> Settings:
        """Return the settings for ``database`` (a path or URL; default: the
        ``BACKCOACH_DATABASE_URL`` of ``environ``, else backcoach.db in the data folder)."""
        env = os.environ if environ is None else environ
        url = database_url(database or env.get(ENV_DATABASE_URL) or None)
        scheme = url.split("://", 1)[0].split("+", 1)[0]
        if scheme not in SCHEMES:
            raise InvalidError(_("the database {url} is not one backcoach can use: give an "
                                 "SQLite file path (or sqlite:///path) or a PostgreSQL URL "
                                 "(postgresql://user@host/database)").format(
                url=shown_url(url)), field="database")
        named = tuple(h.strip().lower() for h in env.get(ENV_HOSTS, "").split(",") if h.strip())
        camera = env.get(ENV_CAMERA, "").lower()
        return cls(database_url=url, hosts=(*LOCAL_HOSTS, *named),
                   https=env.get(ENV_HTTPS, "").lower() in _YES,
                   server=env.get(ENV_SERVER, "").lower() in _YES,
                   camera=True if camera in _YES else False if camera in _NO else None)

    def listening_on(self, host: str) -> Settings:
        """Return these settings for a server listening on ``host``: it answers to that
        name too (a wildcard address answers to the local names only)."""
        host = host.strip("[]").lower()
        if host in self.hosts or host in ("0.0.0.0", "::"):
            return self
        return replace(self, hosts=(*self.hosts, host))
