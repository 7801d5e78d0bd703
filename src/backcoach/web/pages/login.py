"""Server mode's pages for logging in, out, registering with an invitation and choosing a
new password with a clinician's reset link."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach import auth
from backcoach.accounts import set_time_zone
from backcoach.errors import BackcoachError, InvalidError
from backcoach.i18n import _
from backcoach.store.accounts import Account, Accounts
from backcoach.web.api.auth import address, parts, set_session
from backcoach.web.gate import SESSION_COOKIE
from backcoach.web.render import page
from backcoach.web.security import FormDep, safe_next

router = APIRouter(include_in_schema=False)


def _text(form: FormDep, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _follow_device(accounts: Accounts, account: Account, form: FormDep) -> Account:
    """Let the account's day follow the device's time zone (static/pwa.js fills the
    form's hidden ``time_zone``); a browser that gives none or a name this server does
    not know leaves the account's as it was."""
    name = _text(form, "time_zone")
    if not name:
        return account
    try:
        return set_time_zone(accounts, account, name)
    except InvalidError:
        return account


def _login_page(request: Request, *, email: str = "", target: str = "/today",
                error: BackcoachError | None = None) -> HTMLResponse:
    return page(request, "login.html", {"active": "", "email": email, "next": target,
                                        "error": error},
                status=error.http_status if error else 200)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return _login_page(request, target=safe_next(next))


@router.post("/login")
def login(request: Request, form: FormDep) -> Response:
    email, target = _text(form, "email"), safe_next(_text(form, "next"))
    accounts, rows = parts(request)
    try:
        opened = auth.login(accounts, rows, email, _text(form, "password"),
                            address=address(request))
    except BackcoachError as exc:
        return _login_page(request, email=email, target=target, error=exc)
    _follow_device(accounts, opened.account, form)
    if opened.account.role == "clinician" and target == "/today":
        target = "/patients"  # a clinician's day starts with their patients
    response = RedirectResponse(target, status_code=303)
    set_session(request, response, opened)
    return response


@router.post("/logout")
def logout(request: Request, form: FormDep) -> Response:
    del form  # the CSRF check: another site cannot log a person out
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.logout(parts(request)[1], token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    # The browser's HTTP cache may hold this person's pages; static/pwa.js has already
    # emptied the worker's (it waits for the outbox first, which this header would not).
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


def _register_page(request: Request, *, invite: str = "", email: str = "",
                   error: BackcoachError | None = None) -> HTMLResponse:
    return page(request, "register.html", {"active": "", "invite": invite, "email": email,
                                           "error": error},
                status=error.http_status if error else 200)


@router.get("/register", name="register_page")
def register_page(request: Request, invite: str = "") -> HTMLResponse:
    return _register_page(request, invite=invite[:200])


@router.post("/register")
def register(request: Request, form: FormDep) -> Response:
    invite, email = _text(form, "invite"), _text(form, "email")
    password = _text(form, "password")
    accounts, rows = parts(request)
    try:
        if password != _text(form, "password_again"):
            raise InvalidError(_("the two passwords differ; type the same one twice"),
                               field="password_again")
        account = auth.register(accounts, rows, invite, email, password)
        _follow_device(accounts, account, form)
        opened = auth.login(accounts, rows, account.email, password, address=address(request))
    except BackcoachError as exc:
        return _register_page(request, invite=invite, email=email, error=exc)
    response = RedirectResponse("/onboarding", status_code=303)
    set_session(request, response, opened)
    return response


def _reset_page(request: Request, *, code: str = "", error: BackcoachError | None = None,
                done: bool = False) -> HTMLResponse:
    return page(request, "password_reset.html", {"active": "", "code": code, "error": error,
                                                 "done": done},
                status=error.http_status if error else 200)


@router.get("/password/reset", name="reset_page")
def reset_page(request: Request, code: str = "") -> HTMLResponse:
    return _reset_page(request, code=code[:200])


@router.post("/password/reset")
def reset(request: Request, form: FormDep) -> Response:
    code, password = _text(form, "code"), _text(form, "password")
    accounts, rows = parts(request)
    try:
        if password != _text(form, "password_again"):
            raise InvalidError(_("the two passwords differ; type the same one twice"),
                               field="password_again")
        auth.reset_with_code(accounts, rows, code, password)
    except BackcoachError as exc:
        return _reset_page(request, code=code, error=exc)
    return _reset_page(request, done=True)
