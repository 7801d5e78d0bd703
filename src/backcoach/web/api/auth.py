"""Server mode: logging in and out, who am I, personal API tokens, registering with an
invitation. Only in server mode (``serve --server``); local mode has no accounts."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from backcoach import auth
from backcoach.accounts import set_time_zone
from backcoach.errors import NotFoundError, UnauthorizedError
from backcoach.i18n import _
from backcoach.prescription import PrescriptionRecord
from backcoach.store.accounts import Account, Accounts
from backcoach.store.auth import AuthRows, TokenInfo
from backcoach.timestamps import utc_now
from backcoach.web.deps import get_app_state
from backcoach.web.gate import SESSION_COOKIE, current_account
from backcoach.web.schemas import (
    AccountOut,
    LoginIn,
    LoginOut,
    NewToken,
    PasswordIn,
    PasswordResetIn,
    RegisterIn,
    TimeZoneIn,
    TokenIn,
    TokenOut,
)

router = APIRouter(tags=["accounts"])


def parts(request: Request) -> tuple[Accounts, AuthRows]:
    engine = request.app.state.backcoach.store.engine
    return Accounts(engine), AuthRows(engine)


def me(request: Request) -> Account:
    account = current_account(request)
    if account is None:  # the gate lets no one without an account this far
        raise UnauthorizedError(_("log in first"), field="authorization")
    return account


def account_out(account: Account) -> AccountOut:
    return AccountOut(email=account.email, role=account.role, clinician=account.clinician,
                      time_zone=account.time_zone)


def address(request: Request) -> str | None:
    return request.client.host if request.client else None


def set_session(request: Request, response: Response, login: auth.Login) -> None:
    """Give the browser the session cookie (HttpOnly; Secure behind HTTPS)."""
    settings = request.app.state.backcoach.settings
    response.set_cookie(SESSION_COOKIE, login.token, httponly=True, samesite="lax",
                        secure=settings.https, path="/",
                        max_age=int(auth.SESSION_LIFETIME.total_seconds()))


def _token_out(info: TokenInfo) -> TokenOut:
    return TokenOut(id=info.id, name=info.name, created_at=info.created_at,
                    last_used_at=info.last_used_at, revoked_at=info.revoked_at)


@router.post("/auth/login", responses={401: {"description": "The email or the password is "
                                             "wrong (one answer for both)."},
                                       429: {"description": "Too many wrong passwords: "
                                             "wait Retry-After seconds."}})
def login(body: LoginIn, request: Request) -> JSONResponse:
    """Log in: sets the session cookie and answers the account."""
    accounts, rows = parts(request)
    opened = auth.login(accounts, rows, body.email, body.password, address=address(request))
    account = opened.account
    if body.time_zone is not None:
        account = set_time_zone(accounts, account, body.time_zone)
    out = LoginOut(account=account_out(account), expires_at=opened.expires_at)
    response = JSONResponse(out.model_dump(mode="json"))
    set_session(request, response, opened)
    return response


@router.post("/auth/logout", status_code=204)
def logout(request: Request) -> Response:
    """Log out this browser (its session ends on the server too)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.logout(parts(request)[1], token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me")
def get_me(request: Request) -> AccountOut:
    """The account making the request."""
    return account_out(me(request))


@router.put("/me/time-zone")
def put_time_zone(body: TimeZoneIn, request: Request) -> AccountOut:
    """Set the time zone your day and times follow (the web app sets it from the
    device's at login); null follows the server's."""
    account = set_time_zone(parts(request)[0], me(request), body.time_zone)
    get_app_state(request).changed()  # "today" may be another day now
    return account_out(account)


@router.get("/prescription", responses={404: {"description": "No clinician has "
                                              "prescribed anything."}})
def my_prescription(request: Request) -> PrescriptionRecord:
    """The prescription your clinician wrote, in force now (your plan follows it)."""
    found = get_app_state(request).store.prescription()
    if found is None:
        raise NotFoundError(_("no clinician has prescribed anything for you yet"),
                            field="prescription")
    return found


@router.post("/auth/register", status_code=201,
             responses={404: {"description": "The invitation is unknown, used or expired."},
                        409: {"description": "The email has an account already, or the "
                              "invitation's clinician no longer takes patients."}})
def register(body: RegisterIn, request: Request) -> JSONResponse:
    """Create a patient's account with a clinician's invitation, and log in."""
    accounts, rows = parts(request)
    account = auth.register(accounts, rows, body.invite, body.email, body.password)
    if body.time_zone is not None:
        account = set_time_zone(accounts, account, body.time_zone)
    opened = auth.login(accounts, rows, account.email, body.password,
                        address=address(request))
    out = LoginOut(account=account_out(account), expires_at=opened.expires_at)
    response = JSONResponse(out.model_dump(mode="json"), status_code=201)
    set_session(request, response, opened)
    return response


@router.post("/auth/password-reset", status_code=204,
             responses={404: {"description": "The code is unknown, used or expired."},
                        422: {"description": "The password is not acceptable."}})
def password_reset(body: PasswordResetIn, request: Request) -> Response:
    """Choose a new password with the one-time code of the link your clinician gave you;
    every browser logged in to the account is logged out. Log in afterwards."""
    accounts, rows = parts(request)
    auth.reset_with_code(accounts, rows, body.code, body.password)
    return Response(status_code=204)


@router.delete("/me", status_code=204,
               responses={401: {"description": "The password is wrong."},
                          429: {"description": "Too many wrong passwords: wait Retry-After "
                                "seconds."}})
def delete_me(body: PasswordIn, request: Request) -> Response:
    """Delete your account and every record of yours, for good (export them first). Asks
    for your password again."""
    accounts, rows = parts(request)
    account = me(request)
    auth.confirm_password(accounts, rows, account, body.password, address=address(request))
    accounts.delete(account.email)
    get_app_state(request).changed()
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/auth/tokens")
def list_tokens(request: Request) -> list[TokenOut]:
    """Your API tokens (never the tokens themselves)."""
    return [_token_out(t) for t in parts(request)[1].tokens_of(me(request).id)]


@router.post("/auth/tokens", status_code=201)
def create_token(body: TokenIn, request: Request) -> NewToken:
    """Make a personal API token; the answer is the only time it is shown."""
    info, token = auth.create_token(parts(request)[1], me(request), body.name)
    return NewToken(**_token_out(info).model_dump(), token=token)


@router.delete("/auth/tokens/{token_id}")
def revoke_token(token_id: int, request: Request) -> TokenOut:
    """Revoke one of your tokens; it stops working at once."""
    info = parts(request)[1].revoke_token(me(request).id, token_id, utc_now())
    return _token_out(info)

