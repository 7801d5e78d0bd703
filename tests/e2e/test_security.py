"""In a real browser, under the Content-Security-Policy: the API docs render from this
origin, and a page on another site can neither frame the app nor post its forms."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import Console, Server


def test_the_api_docs_render_offline_under_the_policy(server: Server, phone: Any,
                                                      console: Console) -> None:
    outside: list[str] = []
    phone.on("request", lambda r: outside.append(r.url)
             if not r.url.startswith(server.url) else None)
    phone.goto(server.url + "/api/docs")
    phone.wait_for_selector(".opblock-tag", timeout=15_000)
    assert phone.locator(".opblock").count() > 20
    assert outside == [] and console.errors == []


def test_a_page_elsewhere_cannot_frame_the_app_or_post_its_forms(server: Server, phone: Any,
                                                                  console: Console) -> None:
    httpx.put(server.url + "/api/v1/profile", json={"age": 40, "equipment": ["mat"]})
    # The attack's page: another origin (the same server by another name would be refused
    # by its Host), with a sandboxed frame posting the onboarding form and a visible frame.
    phone.goto("about:blank")
    phone.set_content(f"""
        <iframe id="shown" src="{server.url}/today"></iframe>
        <iframe sandbox="allow-forms allow-scripts" srcdoc='
          <form method="post" action="{server.url}/onboarding">
            <input name="age" value="34"><input name="doctor_cleared" value="on">
          </form><script>document.forms[0].submit()</script>'></iframe>""")
    phone.wait_for_timeout(1500)
    framed = phone.frame_locator("#shown").locator("main")
    assert framed.count() == 0  # frame-ancestors 'none': the page never shows inside
    profile = httpx.get(server.url + "/api/v1/profile").json()
    assert profile["age"] == 40
