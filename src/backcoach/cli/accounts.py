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

if TYPE_CHECKING:
    from backcoach.store.accounts import Account, Accounts

accounts_app = typer.Typer(
    name="accounts", no_args_is_help=True,
    help="Server mode: the clinicians' and patients' logins (add, list, disable, "
    "reset-password).")

app.add_typer(accounts_app, rich_help_panel="Server")

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
            fail("--password-stdin: standard input held no password (one line expected)")
        return line
    if not sys.stdin.isatty():
        fail("no terminal to ask for the password: pass --password-stdin and write the "
             "password to standard input")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _described(account: Account) -> str:
    follows = f", followed by {account.clinician}" if account.clinician else ""
    state = "" if account.active else f" (disabled {account.disabled_at:%Y-%m-%d})"
    return f"{account.role} {account.email}{follows}{state}"


@accounts_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The login, an email address.")],
    role: Annotated[str, typer.Option("--role", help="clinician or patient.")],
    clinician: Annotated[str | None, typer.Option(
        "--clinician", help="A patient's clinician (the email of a clinician's account).",
    )] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Add an account that can log in to the server."""
    from backcoach.accounts import ROLES, add_account

    choose("--role", role, ROLES)
    password = _password(password_stdin)  # asked before the database is opened
    account = add_account(_accounts(), email, role, password, clinician)
    typer.echo(f"Added the {literal(_described(account), markup=False)}.")
    if account.role == "clinician":
        typer.echo(f"\nNext: backcoach accounts add PATIENT_EMAIL --role patient "
                   f"--clinician {account.email}")


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
                     "disabled_at": a.disabled_at.isoformat() if a.disabled_at else None}
                    for a in found])
        return
    if not found:
        typer.echo("No accounts yet.\n\nNext: backcoach accounts add EMAIL --role clinician")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("Email", "Role", "Clinician", "Since", "State"):
        table.add_column(column, overflow="fold")
    for a in found:
        table.add_row(literal(a.email), a.role, literal(a.clinician or "-"),
                      f"{a.created_at:%Y-%m-%d}",
                      "active" if a.active else f"disabled {a.disabled_at:%Y-%m-%d}")
    Console().print(table)


@accounts_app.command("disable")
def disable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Stop an account logging in; its records are kept (enable turns it back on)."""
    from backcoach.accounts import disable_account

    account = disable_account(_accounts(), email)
    typer.echo(f"Disabled the {literal(_described(account), markup=False)}; its records "
               "are kept.")


@accounts_app.command("enable")
def enable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Let a disabled account log in again."""
    from backcoach.accounts import normal_email

    account = _accounts().enable(normal_email(email))
    typer.echo(f"Enabled the {literal(_described(account), markup=False)}.")


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
        fail(f"no account has the email {address} (see: backcoach accounts list)")
    account = reset(accounts, address, _password(password_stdin))
    typer.echo(f"New password set for the {literal(_described(account), markup=False)}.")
