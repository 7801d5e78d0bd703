"""The REST API, ``/api/v1``: one router per concept; the OpenAPI document at /openapi.json."""

from fastapi import APIRouter

from backcoach.web.api.auth import router as auth_router
from backcoach.web.api.catalog import router as catalog_router
from backcoach.web.api.checkins import router as checkins_router
from backcoach.web.api.data import router as data_router
from backcoach.web.api.patients import router as patients_router
from backcoach.web.api.plan import router as plan_router
from backcoach.web.api.profile import router as profile_router
from backcoach.web.api.progress import router as progress_router
from backcoach.web.api.sessions import router as sessions_router
from backcoach.web.errors import ERROR_RESPONSES

API_PREFIX = "/api/v1"
# Included one by one into the app (see app.py): every level of nested routers costs
# route matching on each request.
API_ROUTERS: tuple[APIRouter, ...] = (plan_router, profile_router, catalog_router,
                                      sessions_router, checkins_router, progress_router,
                                      data_router)
# Server mode only: accounts and the clinician's side.
SERVER_API_ROUTERS: tuple[APIRouter, ...] = (auth_router, patients_router)

__all__ = ["API_PREFIX", "API_ROUTERS", "ERROR_RESPONSES", "SERVER_API_ROUTERS"]
