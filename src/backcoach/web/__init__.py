"""The web app: server-rendered pages and the REST API ``/api/v1``, over the same library.

Usage::

    from backcoach.settings import Settings
    from backcoach.web import create_app

    app = create_app(Settings.load("/tmp/back.db"))  # one store, the catalog loaded once
    # uvicorn.run(app)  -- or `backcoach serve`

Pages (``web/pages/``) and the API (``web/api/``) are thin: they parse, call one library
function (screening, planner, player, store...) and render HTML or JSON.
"""

from backcoach.web.app import create_app

__all__ = ["create_app"]
