"""``backcoach accounts``: who may log in to a server (server mode), managed by whoever
runs it.

Passwords never go on the command line (where ``ps`` and the shell's history would keep
them): they are typed at a hidden prompt, or read from standard input with
``--password-stdin`` for scripts.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, choose, fail, literal, open_store, print_json
from backcoach.i18n import N_, _

if TYPE_CHECKING:
    from backcoach.store.accounts import Account, Accounts

accounts_app = typer.Typer(
    name="accounts", no_args_is_help=True,
    help="Server mode: the clinicians' and patients' logins (add, list, disable, "
    "reset-password).")

app.add_typer(accounts_app, rich_help_panel=N_("Server"))

PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of standard input "
    "(for scripts); otherwise it is asked for, hidden.")]


def _accounts() -> Accounts:
    from backcoach.store.accounts import Accounts

    return Accounts(open_store().engine)


def _password(from_stdin: bool) -> str:
    """Return the new password: the first line of standard input, or typed twice."""
    if from_stdin:
        line = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not line:
            fail(_("--password-stdin: standard input held no password (one line "
                   "expected)"))
        return line
    if not sys.stdin.isatty():
        fail(_("no terminal to ask for the password: pass --password-stdin and write the "
               "password to standard input"))
    return str(typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True))


def _role(role: str) -> str:
    """Return an account's role in a word: clinician, patient."""
    roles = {"clinician": _("clinician"), "patient": _("patient")}
    return roles.get(role, role)


def _described(account: Account) -> str:
    follows = (", " + _("followed by {clinician}").format(clinician=account.clinician)
               if account.clinician else "")
    from backcoach.timestamps import LOCAL

    zone = ", " + _("time zone {zone}").format(zone=account.time_zone) \
        if account.time_zone else ""
    state = "" if account.disabled_at is None else " (" + _("disabled {day}").format(
        day=f"{LOCAL.attach(account.disabled_at):%Y-%m-%d}") + ")"
    return f"{_role(account.role)} {account.email}{follows}{zone}{state}"


@accounts_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The login, an email address.")],
    role: Annotated[str, typer.Option("--role", help="clinician or patient.")],
    clinician: Annotated[str | None, typer.Option(
        "--clinician", help="A patient's clinician (the email of a clinician's account).",
    )] = None,
    time_zone: Annotated[str | None, typer.Option(
        "--time-zone", help="The person's time zone, an IANA name such as Europe/Moscow "
        "(default: the server's, until they log in from a browser, which sets their "
        "device's).",
    )] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Add an account that can log in to the server."""
    from backcoach.accounts import ROLES, add_account, set_time_zone
    from backcoach.errors import InvalidError
    from backcoach.timestamps import check_zone

    choose("--role", role, ROLES)
    if time_zone is not None:
        try:
            check_zone(time_zone)
        except InvalidError as exc:
            fail("--time-zone: " + exc.message)
    password = _password(password_stdin)  # asked before the database is opened
    accounts = _accounts()
    account = add_account(accounts, email, role, password, clinician)
    if time_zone is not None:
        account = set_time_zone(accounts, account, time_zone)
    typer.echo(_("Added the {account}.").format(
        account=literal(_described(account), markup=False)))
    if account.role == "clinician":
        typer.echo("\n" + _("Next: {command}").format(
            command=f"backcoach accounts add PATIENT_EMAIL --role patient --clinician "
            f"{account.email}"))


@accounts_app.command("list")
def list_accounts(
    role: Annotated[str | None, typer.Option("--role", help="Only clinicians or only "
                                             "patients.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the accounts, oldest first."""
    from backcoach.accounts import ROLES

    choose("--role", role, ROLES)
    found = _accounts().all(role=role)
    if as_json:
        print_json([{"email": a.email, "role": a.role, "clinician": a.clinician,
                     "created_at": a.created_at.isoformat(),
                     "disabled_at": a.disabled_at.isoformat() if a.disabled_at else None,
                     "time_zone": a.time_zone}
                    for a in found])
        return
    if not found:
        typer.echo(_("No accounts yet.") + "\n\n" + _("Next: {command}").format(
            command="backcoach accounts add EMAIL --role clinician"))
        return
    from rich.console import Console
    from rich.table import Table

    from backcoach.timestamps import LOCAL

    table = Table(box=None, pad_edge=False)
    for column in (_("Email"), _("Role"), _("Clinician"), _("Since"), _("State")):
        table.add_column(column, overflow="fold")
    for a in found:
        table.add_row(literal(a.email), _role(a.role), literal(a.clinician or "-"),
                      f"{LOCAL.attach(a.created_at):%Y-%m-%d}",
                      _("active") if a.disabled_at is None else _("disabled {day}").format(
                          day=f"{LOCAL.attach(a.disabled_at):%Y-%m-%d}"))
    Console().print(table)


@accounts_app.command("disable")
def disable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Stop an account logging in; its records are kept (enable turns it back on)."""
    from backcoach.accounts import disable_account

    account = disable_account(_accounts(), email)
    typer.echo(_("Disabled the {account}; its records are kept.").format(
        account=literal(_described(account), markup=False)))


@accounts_app.command("enable")
def enable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Let a disabled account log in again."""
    from backcoach.accounts import normal_email

    account = _accounts().enable(normal_email(email))
    typer.echo(_("Enabled the {account}.").format(
        account=literal(_described(account), markup=False)))


@accounts_app.command("reset-password")
def reset_password(
    email: Annotated[str, typer.Argument(help="The account's email.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Give an account a new password; the old one stops working."""
    from backcoach.accounts import normal_email, reset_password as reset

    accounts = _accounts()
    address = normal_email(email)
    if accounts.get(address) is None:  # before asking for a password it could not use
        fail(_("no account has the email {email} (see: backcoach accounts list)").format(
            email=address))
    account = reset(accounts, address, _password(password_stdin))
    typer.echo(_("New password set for the {account}.").format(
        account=literal(_described(account), markup=False)))
