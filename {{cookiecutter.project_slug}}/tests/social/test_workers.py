"""A social login started on one server process finishes on another."""

from urllib.parse import urlsplit

import httpx2

from {{ cookiecutter.package_name }}.social.models import Identity

from fake_providers.provider import Account


async def test_a_login_started_on_one_worker_finishes_on_the_other(
    provider, provider_environment, start_worker, make_shared_user
):
    user = await make_shared_user()
    account = provider.add(Account("9001", "alice@example.com", login="alice"))
    await Identity.create(user=user, provider=provider.name, subject=account.subject, email=account.email)
    # Plain HTTP on loopback: the login cookie may travel without TLS. No FRONTEND_URL: the callback answers JSON.
    environment = {"ENVIRONMENT": "development", "FRONTEND_URL": "", **provider_environment}
    first, second = start_worker(**environment), start_worker(**environment)

    async with httpx2.AsyncClient() as browser:
        start = await browser.get(f"{first}/auth/{provider.name}/login")
        browser.cookies.set(provider.cookie, account.subject)
        back = (await browser.get(start.headers["location"])).headers["location"]
        callback = urlsplit(back)
        assert f"http://{callback.netloc}" == first
        answer = await browser.get(f"{second}{callback.path}?{callback.query}")

    assert answer.status_code == 200, answer.text
    async with httpx2.AsyncClient(base_url=first) as client:
        me = await client.get("/users/me", headers={"Authorization": f"Bearer {answer.json()['access_token']}"})
    assert me.json()["id"] == user.id
