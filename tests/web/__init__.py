"""Tests of the web app through the ASGI app, in process, on a temporary SQLite file."""

from datetime import date, datetime

TODAY = date(2026, 3, 4)  # a Wednesday
NOW = datetime(2026, 3, 4, 8, 30)
