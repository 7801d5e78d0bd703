"""The pages: server-rendered HTML, one module per page kind."""

from fastapi import APIRouter

from backcoach.web.pages.calendar import router as calendar_router
from backcoach.web.pages.clinic import router as clinic_router
from backcoach.web.pages.guide import router as guide_router
from backcoach.web.pages.history import router as history_router
from backcoach.web.pages.library import router as library_router
from backcoach.web.pages.login import router as login_router
from backcoach.web.pages.onboarding import router as onboarding_router
from backcoach.web.pages.player import router as player_router
from backcoach.web.pages.pwa import router as pwa_router
from backcoach.web.pages.today import router as today_router

# Included one by one into the app, the most visited first.
PAGE_ROUTERS: tuple[APIRouter, ...] = (today_router, player_router, onboarding_router,
                                       library_router, history_router, guide_router,
                                       calendar_router, pwa_router)
# Server mode only: logging in and registering, the clinician's pages.
SERVER_PAGE_ROUTERS: tuple[APIRouter, ...] = (login_router, clinic_router)

__all__ = ["PAGE_ROUTERS", "SERVER_PAGE_ROUTERS"]
