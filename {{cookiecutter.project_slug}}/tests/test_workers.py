"""Two server processes on one database, as behind a load balancer."""

import httpx2

from .conftest import PASSWORD, bearer


async def log_in(worker: str, password: str) -> httpx2.Response:
    async with httpx2.AsyncClient(base_url=worker) as client:
        return await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": password}
        )


async def test_a_token_from_one_worker_is_accepted_by_the_other(start_worker, make_shared_user):
    await make_shared_user()
    first, second = start_worker(), start_worker()

    token = (await log_in(first, PASSWORD)).json()["access_token"]
    async with httpx2.AsyncClient(base_url=second) as client:
        me = await client.get("/users/me", headers=bearer(token))

    assert me.status_code == 200
    assert me.json()["username"] == "alice"


async def test_failed_logins_count_on_every_worker(start_worker, make_shared_user):
    await make_shared_user()
    limits = {"LOGIN_ATTEMPTS_PER_ACCOUNT": "3"}
    first, second = start_worker(**limits), start_worker(**limits)

    failures = [(await log_in(worker, "wrong password")).status_code for worker in (first, second, first)]
    refused = await log_in(second, PASSWORD)

    assert failures == [400, 400, 400]
    assert refused.status_code == 429
