"""Server mode (``serve --server``): logging in, each account seeing only its own records,
API tokens, invitations, and the pages' login. Local mode is unchanged (the other tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from backcoach.accounts import add_account
from backcoach.errors import NotFoundError
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from backcoach.timestamps import utc_now
from backcoach.web import create_app
from backcoach.web.gate import SESSION_COOKIE
from tests.web import NOW, TODAY
from tests.web.conftest import BASE_URL, Browser

pytestmark = pytest.mark.anyio
PASSWORD = "correct horse battery"
PROFILE = {"age": 40, "equipment": ["mat"], "days_per_week": 7, "minutes_per_day": 15}


@pytest.fixture
def server(db_url: str) -> FastAPI:
    settings = replace(Settings.load(db_url), server=True)
    app = create_app(settings, today=lambda: TODAY, now=lambda: NOW)
    accounts = Accounts(app.state.backcoach.store.engine)
    add_account(accounts, "ann@clinic.org", "clinician", PASSWORD)
    for email in ("pat@example.com", "other@example.com"):
        add_account(accounts, email, "patient", PASSWORD, clinician="ann@clinic.org")
    return app


@pytest.fixture
async def anonymous(server: FastAPI) -> AsyncIterator[Browser]:
    async with Browser(transport=httpx.ASGITransport(app=server), base_url=BASE_URL) as c:
        yield c
    server.state.backcoach.version.close()
    server.state.backcoach.store.engine.dispose()


@asynccontextmanager
async def logged_in(app: FastAPI, email: str) -> AsyncIterator[Browser]:
    async with Browser(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        answer = await client.post("/api/v1/auth/login", json={"email": email,
                                                               "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        yield client


async def test_without_an_account_the_api_says_401_and_pages_send_to_the_login(anonymous):
    api = await anonymous.get("/api/v1/plan")
    assert api.status_code == 401 and api.headers["www-authenticate"].startswith("Bearer")
    assert "log in first" in api.json()["detail"]
    page = await anonymous.get("/history?x=1")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fhistory%3Fx%3D1"
    for open_path in ("/login", "/static/app.css", "/openapi.json"):
        assert (await anonymous.get(open_path)).status_code == 200, open_path
    assert (await anonymous.post("/api/v1/profile", json=PROFILE)).status_code == 401


async def test_a_login_sets_an_httponly_cookie_and_me_answers_the_account(anonymous):
    wrong = await anonymous.post("/api/v1/auth/login",
                                 json={"email": "pat@example.com", "password": "not it at all"})
    unknown = await anonymous.post("/api/v1/auth/login",
                                   json={"email": "who@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    right = await anonymous.post("/api/v1/auth/login",
                                 json={"email": "Pat@Example.com", "password": PASSWORD})
    assert right.status_code == 200
    cookie = right.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower() and "Secure" not in cookie
    me = await anonymous.get("/api/v1/me")
    assert me.json() == {"email": "pat@example.com", "role": "patient",
                         "clinician": "ann@clinic.org", "time_zone": None}
    assert (await anonymous.post("/api/v1/auth/logout")).status_code == 204
    assert (await anonymous.get("/api/v1/me")).status_code == 401


async def test_each_patient_reads_and_writes_only_their_own_records(server, anonymous):
    async with logged_in(server, "pat@example.com") as pat, \
            logged_in(server, "other@example.com") as other:
        assert (await pat.put("/api/v1/profile", json=PROFILE)).status_code == 200
        assert (await other.get("/api/v1/profile")).status_code == 404
        started = await pat.post("/api/v1/sessions", json={"pain_before": 2})
        assert started.status_code == 201, started.text
        session_id = started.json()["session_id"]
        # The other patient cannot see, add to, finish or end pat's session.
        assert (await other.get("/api/v1/sessions/current")).json() == {"session": None}
        steps = started.json()["steps"]
        work = next(s["index"] for s in steps if s["kind"] == "work")
        for method, path, body in [
                ("GET", f"/api/v1/sessions/{session_id}", None),
                ("POST", f"/api/v1/sessions/{session_id}/sets", {"step": work}),
                ("POST", f"/api/v1/sessions/{session_id}/finish", {}),
                ("POST", f"/api/v1/sessions/{session_id}/abandon", None)]:
            answer = await other.request(method, path, json=body)
            assert answer.status_code == 404, (method, path, answer.text)
        saved = await pat.post(f"/api/v1/sessions/{session_id}/sets", json={"step": work})
        assert saved.status_code == 201, saved.text
        assert (await pat.post(f"/api/v1/sessions/{session_id}/finish", json={})).status_code \
            == 200
        assert len((await pat.get("/api/v1/sessions")).json()) == 1
        assert (await other.get("/api/v1/sessions")).json() == []
        export = (await other.get("/api/v1/export")).json()
        assert export["sessions"] == [] and export["profiles"] == []
        pages = (await pat.get("/today")).text
        assert "pat@example.com" in pages and "Log out" in pages


async def test_api_tokens_open_the_api_until_revoked(server):
    async with logged_in(server, "pat@example.com") as pat:
        made = await pat.post("/api/v1/auth/tokens", json={"name": "my script"})
        assert made.status_code == 201
        token, token_id = made.json()["token"], made.json()["id"]
        listed = (await pat.get("/api/v1/auth/tokens")).json()
        assert [t["name"] for t in listed] == ["my script"] and "token" not in listed[0]
    async with Browser(transport=httpx.ASGITransport(app=server), base_url=BASE_URL,
                       headers={"Authorization": f"Bearer {token}"}) as script:
        assert (await script.get("/api/v1/me")).json()["email"] == "pat@example.com"
        async with logged_in(server, "other@example.com") as other:
            assert (await other.delete(f"/api/v1/auth/tokens/{token_id}")).status_code == 404
        assert (await script.delete(f"/api/v1/auth/tokens/{token_id}")).status_code == 200
        assert (await script.get("/api/v1/me")).status_code == 401
    async with Browser(transport=httpx.ASGITransport(app=server), base_url=BASE_URL,
                       headers={"Authorization": "Bearer made-up"}) as guess:
        assert (await guess.get("/api/v1/me")).status_code == 401


async def test_too_many_wrong_passwords_answer_429_with_retry_after(anonymous):
    for _ in range(5):
        await anonymous.post("/api/v1/auth/login",
                             json={"email": "pat@example.com", "password": "wrong guess!!"})
    locked = await anonymous.post("/api/v1/auth/login",
                                  json={"email": "pat@example.com", "password": PASSWORD})
    assert locked.status_code == 429 and 0 < int(locked.headers["retry-after"]) <= 900


async def test_a_clinician_invites_and_the_patient_registers(server, anonymous):
    async with logged_in(server, "ann@clinic.org") as ann:
        invited = await ann.post("/api/v1/patients/invitations")
        assert invited.status_code == 201
        code, link = invited.json()["code"], invited.json()["link"]
        assert link.endswith(f"/register?invite={code}")
    async with logged_in(server, "pat@example.com") as pat:
        assert (await pat.post("/api/v1/patients/invitations")).status_code == 403
    short = await anonymous.post("/api/v1/auth/register",
                                 json={"invite": code, "email": "new@example.com",
                                       "password": "short"})
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "password"
    made = await anonymous.post("/api/v1/auth/register",
                                json={"invite": code, "email": "new@example.com",
                                      "password": PASSWORD})
    assert made.status_code == 201, made.text
    assert (await anonymous.get("/api/v1/me")).json()["clinician"] == "ann@clinic.org"
    again = await anonymous.post("/api/v1/auth/register",
                                 json={"invite": code, "email": "third@example.com",
                                       "password": PASSWORD})
    assert again.status_code == 404 and again.json()["errors"][0]["field"] == "invite"


async def test_the_login_page_logs_in_and_returns_to_the_page_asked_for(anonymous):
    form = await anonymous.get("/login?next=/history")
    assert form.status_code == 200 and 'name="next" value="/history"' in form.text
    bad = await anonymous.post("/login", data={"email": "pat@example.com",
                                               "password": "wrong guess!!", "next": "/history"})
    assert bad.status_code == 401 and "The email or the password is wrong" in bad.text
    assert 'value="pat@example.com"' in bad.text  # kept, the password not
    good = await anonymous.post("/login", data={"email": "pat@example.com",
                                                "password": PASSWORD, "next": "/history"})
    assert good.status_code == 303 and good.headers["location"] == "/history"
    assert (await anonymous.get("/history")).status_code == 200
    out = await anonymous.post("/logout", data={})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert (await anonymous.get("/history")).status_code == 303


async def test_the_login_page_never_sends_a_person_to_another_site(anonymous):
    await anonymous.get("/login")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        answer = await anonymous.post("/login", data={"email": "pat@example.com",
                                                      "password": PASSWORD, "next": target})
        assert answer.headers["location"] == "/today", target


async def test_registering_on_the_page(server, anonymous):
    from backcoach import auth
    from backcoach.store.auth import AuthRows

    engine = server.state.backcoach.store.engine
    ann = Accounts(engine).get("ann@clinic.org")
    assert ann is not None
    _, code = auth.create_invitation(AuthRows(engine), ann)
    page = await anonymous.get(f"/register?invite={code}")
    assert page.status_code == 200 and f'value="{code}"' in page.text
    differ = await anonymous.post("/register", data={
        "invite": code, "email": "new@example.com", "password": PASSWORD,
        "password_again": PASSWORD + "x"})
    assert differ.status_code == 422 and "the two passwords differ" in differ.text.lower()
    made = await anonymous.post("/register", data={
        "invite": code, "email": "new@example.com", "password": PASSWORD,
        "password_again": PASSWORD})
    assert made.status_code == 303 and made.headers["location"] == "/onboarding"
    assert (await anonymous.get("/api/v1/me")).json()["email"] == "new@example.com"


async def test_local_mode_has_no_login(client):
    assert (await client.get("/login")).status_code == 404
    assert (await client.post("/api/v1/auth/login", json={"email": "a@b.co",
                                                          "password": PASSWORD})).status_code \
        == 404
    assert (await client.get("/today")).status_code in (200, 303)


async def test_the_clinicians_pages(server, anonymous):
    await anonymous.get("/login")
    landed = await anonymous.post("/login", data={"email": "ann@clinic.org",
                                                  "password": PASSWORD})
    assert landed.headers["location"] == "/patients"
    board = await anonymous.get("/patients")
    assert board.status_code == 200
    assert "pat@example.com" in board.text and "other@example.com" in board.text
    assert "no session for 7 days" in board.text and 'href="/patients"' in board.text
    pat = Accounts(server.state.backcoach.store.engine).get("pat@example.com")
    assert pat is not None
    one = await anonymous.get(f"/patients/{pat.id}")
    assert one.status_code == 200 and "Has not answered the questions" in one.text
    assert "<svg" not in one.text  # no sessions, no charts
    for sort in ("email", "last", "pain", "week"):
        assert (await anonymous.get(f"/patients?sort={sort}")).status_code == 200
    assert (await anonymous.get("/patients?sort=nonsense")).status_code == 422
    async with logged_in(server, "pat@example.com") as patient:
        assert (await patient.get("/patients")).status_code == 403
        assert (await patient.get(f"/patients/{pat.id}")).status_code == 403
    accounts = Accounts(server.state.backcoach.store.engine)
    add_account(accounts, "cal@clinic.org", "clinician", PASSWORD)
    async with logged_in(server, "cal@clinic.org") as other:
        assert (await other.get(f"/patients/{pat.id}")).status_code == 404
        assert "No patients yet" in (await other.get("/patients")).text
        invited = await other.post("/patients/invite", data={})
        assert invited.status_code == 200 and "/register?invite=bci_" in invited.text


async def test_a_prescription_changes_the_patients_plan(server):
    pat = Accounts(server.state.backcoach.store.engine).get("pat@example.com")
    assert pat is not None
    async with logged_in(server, "pat@example.com") as patient, \
            logged_in(server, "ann@clinic.org") as clinician:
        assert (await patient.put("/api/v1/profile", json=PROFILE)).status_code == 200
        assert (await patient.get("/api/v1/prescription")).status_code == 404
        before = (await patient.get("/api/v1/plan")).json()
        assert before["programs"] != ["therapeutic_set"]
        too_much = await clinician.put(f"/api/v1/patients/{pat.id}/prescription", json={
            "program": "therapeutic_set", "doses": {"supine_twist": {"reps": 50}}})
        assert too_much.status_code == 409  # more than the catalog allows in that program
        assert too_much.json()["errors"][0]["field"] == "doses.supine_twist.reps"
        made = await clinician.put(f"/api/v1/patients/{pat.id}/prescription", json={
            "program": "therapeutic_set", "doses": {"supine_twist": {"reps": 9}},
            "note": "Gently for two weeks."})
        assert made.status_code == 200 and made.json()["author"] == "ann@clinic.org"
        after = (await patient.get("/api/v1/plan")).json()
        assert after["programs"] == ["therapeutic_set"]
        assert "Gently for two weeks." in after["program_reasons"][0]
        twist = next(i for i in after["today"]["items"] if i["exercise"] == "supine_twist")
        assert twist["reps"] == 9
        mine = (await patient.get("/api/v1/prescription")).json()
        assert mine["prescription"]["program"] == "therapeutic_set"
        history = (await clinician.get(f"/api/v1/patients/{pat.id}/prescriptions")).json()
        assert len(history) == 1
        log = (await clinician.get("/api/v1/audit")).json()
        assert "changed prescription" in [e["action"] for e in log]


async def test_a_clinician_exports_prints_and_deletes_a_patient(server):
    accounts = Accounts(server.state.backcoach.store.engine)
    pat = accounts.get("pat@example.com")
    assert pat is not None
    async with logged_in(server, "pat@example.com") as patient, \
            logged_in(server, "ann@clinic.org") as clinician:
        assert (await patient.put("/api/v1/profile", json=PROFILE)).status_code == 200
        assert (await patient.post("/api/v1/pain", json={"pain": 3})).status_code == 201
        export = await clinician.get(f"/api/v1/patients/{pat.id}/export")
        assert export.status_code == 200 and len(export.json()["pain_checkins"]) == 1
        assert (await clinician.get(f"/api/v1/patients/{pat.id}/handout.pdf")).status_code \
            == 404  # nothing prescribed yet
        await clinician.put(f"/api/v1/patients/{pat.id}/prescription",
                            json={"program": "therapeutic_set", "note": "Gently."})
        printed = await clinician.get(f"/api/v1/patients/{pat.id}/handout.pdf")
        plain = await patient.get("/api/v1/programs/home_set/handout.pdf")
        own = await patient.get("/api/v1/programs/therapeutic_set/handout.pdf")
        assert printed.content.startswith(b"%PDF") and own.content.startswith(b"%PDF")
        assert plain.status_code == 200
        gone = await clinician.delete(f"/api/v1/patients/{pat.id}")
        assert gone.status_code == 204
        assert (await clinician.get(f"/api/v1/patients/{pat.id}/export")).status_code == 404
        assert (await patient.get("/api/v1/me")).status_code == 401
    assert accounts.get("pat@example.com") is None


async def test_a_patient_deletes_their_own_account_with_their_password(server):
    accounts = Accounts(server.state.backcoach.store.engine)
    async with logged_in(server, "other@example.com") as patient:
        assert (await patient.put("/api/v1/profile", json=PROFILE)).status_code == 200
        wrong = await patient.request("DELETE", "/api/v1/me", json={"password": "not it!!"})
        assert wrong.status_code == 401 and "nothing was changed" in wrong.json()["detail"]
        assert accounts.get("other@example.com") is not None
        done = await patient.request("DELETE", "/api/v1/me", json={"password": PASSWORD})
        assert done.status_code == 204
    assert accounts.get("other@example.com") is None
    again = add_account(accounts, "other@example.com", "patient", PASSWORD)
    assert accounts.store_of(again).profile() is None  # nothing of the old records is left


async def test_prescribing_on_the_patients_page(server, anonymous):
    pat = Accounts(server.state.backcoach.store.engine).get("pat@example.com")
    assert pat is not None
    await anonymous.get("/login")
    await anonymous.post("/login", data={"email": "ann@clinic.org", "password": PASSWORD})
    first = await anonymous.get(f"/patients/{pat.id}")
    assert "Nothing prescribed" in first.text
    chosen = await anonymous.get(f"/patients/{pat.id}?program=entry_month")
    assert 'name="back_raise.reps"' in chosen.text and 'min="10"' in chosen.text
    too_many = await anonymous.post(f"/patients/{pat.id}/prescription", data={
        "program": "entry_month", "back_raise.reps": "40", "note": "Slowly"})
    assert too_many.status_code == 409  # as the API answers it
    assert "outside the catalog" in too_many.text and 'href="#f-back_raise-reps"' in too_many.text
    assert 'value="40"' in too_many.text  # what was typed is kept
    done = await anonymous.post(f"/patients/{pat.id}/prescription", data={
        "program": "entry_month", "back_raise.reps": "20", "cat_cow.reps": "",
        "note": "Slowly"})
    assert done.status_code == 303
    shown = await anonymous.get(f"/patients/{pat.id}")
    assert "In force: <strong>entry_month</strong>" in shown.text
    assert 'value="20"' in shown.text and "Slowly" in shown.text


async def test_the_patient_page_draws_the_patients_charts(server, anonymous):
    from backcoach.history import ExerciseDone, SessionRecord, SetDone

    accounts = Accounts(server.state.backcoach.store.engine)
    pat = accounts.get("pat@example.com")
    assert pat is not None
    store = accounts.store_of(pat)
    for day, pain in ((TODAY - timedelta(days=3), 5), (TODAY - timedelta(days=1), 3)):
        store.record_session(SessionRecord(
            date=day, phase="entry", completed=True, pain_before=pain, pain_after=pain - 1,
            exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)])]),
            catalog=server.state.backcoach.catalog, today=TODAY)
    await anonymous.get("/login")
    await anonymous.post("/login", data={"email": "ann@clinic.org", "password": PASSWORD})
    page = await anonymous.get(f"/patients/{pat.id}")
    assert page.status_code == 200 and page.text.count("<svg") >= 2
    assert "Pain" in page.text and 'class="pchart-lead"' in page.text


async def test_the_clinicians_pages_in_russian(server, anonymous):
    russian = {"Accept-Language": "ru"}
    login = await anonymous.get("/login", headers=russian)
    assert "Войти" in login.text and "Пароль" in login.text and "Log in" not in login.text
    await anonymous.post("/login", data={"email": "ann@clinic.org", "password": PASSWORD})
    board = (await anonymous.get("/patients", headers=russian)).text
    for said in ("Ваши пациенты", "2 пациента", "нет сессий 7 дней", "Пригласить пациента",
                 "Последняя сессия", "пока нет", "Выйти"):
        assert said in board, said
    for english in ("Your patients", "no session for 7 days", "Invite a patient", "Log out"):
        assert english not in board, english
    pat = Accounts(server.state.backcoach.store.engine).get("pat@example.com")
    assert pat is not None
    one = (await anonymous.get(f"/patients/{pat.id}", headers=russian)).text
    assert "Пациент ещё не ответил на вопросы о спине." in one and "← Все пациенты" in one
    assert "0 сессий (выполнено: 0, прервано: 0)" in one and "Назначение" in one


async def test_onboarding_on_a_server_says_where_the_answers_are_kept(server):
    async with logged_in(server, "pat@example.com") as patient:
        page = (await patient.get("/onboarding")).text
        assert "kept on your clinic's server" in page and "stay on this device" not in page


async def test_the_language_chosen_follows_the_account_to_another_device(server):
    async with logged_in(server, "pat@example.com") as phone:
        switched = await phone.get("/language/ru?next=/today")
        assert switched.status_code == 303
    async with logged_in(server, "pat@example.com") as laptop:  # no cookie of the switch
        page = await laptop.get("/today", headers={"Accept-Language": "en"})
        assert page.headers["content-language"] == "ru"
        assert (await laptop.get("/language/en")).status_code == 303
        assert (await laptop.get("/today")).headers["content-language"] == "en"


async def _patient_id(client: Browser, email: str) -> int:
    listed = (await client.get("/api/v1/patients")).json()
    return int(next(p["id"] for p in listed if p["email"] == email))


async def test_a_forgotten_password_a_clinicians_link_sets_a_new_one_once(server, anonymous):
    new_password = "a brand new password"
    async with logged_in(server, "pat@example.com") as pat_before:  # logged in elsewhere
        async with logged_in(server, "ann@clinic.org") as ann:
            pat_id = await _patient_id(ann, "pat@example.com")
            made = await ann.post(f"/api/v1/patients/{pat_id}/password-reset")
            assert made.status_code == 201, made.text
            code, link = made.json()["code"], made.json()["link"]
            assert link.endswith(f"/password/reset?code={code}")
            expires = made.json()["expires_at"]
            assert expires.startswith((NOW + timedelta(days=1)).date().isoformat()[:4])
            audit = (await ann.get("/api/v1/audit")).json()
            assert audit[0]["action"] == "made a password reset link"
            assert audit[0]["patient"] == "pat@example.com"
        # The page opens without a login, with the code filled in.
        page = await anonymous.get(f"/password/reset?code={code}")
        assert page.status_code == 200 and f'value="{code}"' in page.text
        short = await anonymous.post("/api/v1/auth/password-reset",
                                     json={"code": code, "password": "short"})
        assert short.status_code == 422 and short.json()["errors"][0]["field"] == "password"
        done = await anonymous.post("/api/v1/auth/password-reset",
                                    json={"code": code, "password": new_password})
        assert done.status_code == 204, done.text
        # The browser logged in before is logged out; the old password no longer works.
        assert (await pat_before.get("/api/v1/me")).status_code == 401
    old = await anonymous.post("/api/v1/auth/login", json={"email": "pat@example.com",
                                                           "password": PASSWORD})
    assert old.status_code == 401
    new = await anonymous.post("/api/v1/auth/login", json={"email": "pat@example.com",
                                                           "password": new_password})
    assert new.status_code == 200
    again = await anonymous.post("/api/v1/auth/password-reset",
                                 json={"code": code, "password": "yet another password"})
    assert again.status_code == 404 and again.json()["errors"][0]["field"] == "code"


async def test_a_reset_link_expires_after_a_day_and_a_newer_one_replaces_it(server):
    from backcoach import auth
    from backcoach.store.auth import AuthRows

    engine = server.state.backcoach.store.engine
    accounts, rows = Accounts(engine), AuthRows(engine)
    ann, pat = accounts.get("ann@clinic.org"), accounts.get("pat@example.com")
    assert ann is not None and pat is not None
    made_at = utc_now()
    _, first = auth.create_reset(rows, ann, pat, made_at)
    _, second = auth.create_reset(rows, ann, pat, made_at)
    with pytest.raises(NotFoundError):  # replaced by the second
        auth.reset_with_code(accounts, rows, first, "another good password", made_at)
    with pytest.raises(NotFoundError):  # a day later
        auth.reset_with_code(accounts, rows, second, "another good password",
                             made_at + auth.RESET_LIFETIME + timedelta(seconds=1))
    assert auth.reset_with_code(accounts, rows, second, "another good password",
                                made_at + timedelta(hours=23)).email == "pat@example.com"


async def test_only_the_patients_own_clinician_makes_a_reset_link(server):
    accounts = Accounts(server.state.backcoach.store.engine)
    add_account(accounts, "bob@clinic.org", "clinician", PASSWORD)
    async with logged_in(server, "ann@clinic.org") as ann:
        pat_id = await _patient_id(ann, "pat@example.com")
    async with logged_in(server, "bob@clinic.org") as bob:
        assert (await bob.post(f"/api/v1/patients/{pat_id}/password-reset")).status_code == 404
    async with logged_in(server, "other@example.com") as other:
        assert (await other.post(f"/api/v1/patients/{pat_id}/password-reset")
                ).status_code == 403


async def test_the_reset_pages(server, anonymous):
    login = await anonymous.get("/login")
    assert "Forgot your password? Ask your clinician for a link" in login.text
    async with logged_in(server, "ann@clinic.org") as ann:
        pat_id = await _patient_id(ann, "pat@example.com")
        await ann.get(f"/patients/{pat_id}")
        shown = await ann.post(f"/patients/{pat_id}/password-reset", data={})
        assert shown.status_code == 200
        link = shown.text.split('class="copy" readonly value="')[1].split('"')[0]
        assert "/password/reset?code=bcr_" in link
    code = link.split("code=")[1]
    await anonymous.get(f"/password/reset?code={code}")
    differ = await anonymous.post("/password/reset", data={
        "code": code, "password": "a brand new password", "password_again": "something else"})
    assert differ.status_code == 422 and "the two passwords differ" in differ.text.lower()
    done = await anonymous.post("/password/reset", data={
        "code": code, "password": "a brand new password",
        "password_again": "a brand new password"})
    assert done.status_code == 200 and "Your new password is set" in done.text
    used = await anonymous.post("/password/reset", data={
        "code": code, "password": "a brand new password",
        "password_again": "a brand new password"})
    assert used.status_code == 404 and "not valid" in used.text
