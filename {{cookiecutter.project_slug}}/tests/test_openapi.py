"""The OpenAPI document lists what each route answers, a route added by a team included."""

import httpx2

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.security import CurrentUser

from .conftest import bearer


async def test_a_method_the_path_does_not_serve_is_answered_405_naming_every_method_it_does(client):
    response = await client.request("OPTIONS", "/users/me")

    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"
    assert response.json() == {"detail": "Method Not Allowed"}


async def test_a_team_route_is_documented_by_what_it_depends_on(settings, make_user, get_token):
    app = create_app(settings)

    @app.get("/reports/{report_id}")
    async def report(report_id: int, user: CurrentUser) -> dict[str, int]:
        return {"report": report_id, "user": user.id}

    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        answers = (await client.get("/openapi.json")).json()["paths"]["/reports/{report_id}"]["get"]["responses"]
        assert sorted(answers) == ["200", "401", "403", "404", "422", "503"]
        assert answers["401"]["headers"]["WWW-Authenticate"]["required"] is True
        assert answers["503"]["headers"]["Retry-After"]["schema"] == {"type": "string"}
        assert answers["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Problem"}

        user = await make_user()
        refused = await client.get("/reports/7")
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        answered = await client.get("/reports/7", headers=bearer(await get_token()))
        assert answered.json() == {"report": 7, "user": user.id}


async def test_health_documents_no_outage_and_revocation_an_empty_200(client):
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert "503" not in paths["/health"]["get"]["responses"]
    revoked = paths["/auth/revoke"]["post"]["responses"]
    assert "content" not in revoked["200"]
    assert sorted(revoked) == ["200", "400", "413", "503"]
    answer = await client.post("/auth/revoke", data={"token": "unknown"})
    assert answer.status_code == 200
    assert answer.content == b""
    assert "content-type" not in answer.headers


async def test_a_body_that_is_not_json_and_one_too_large_are_answered_as_documented(client, make_user, get_token):
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {"400", "413", "422"} <= set(paths["/users/me"]["patch"]["responses"])
    assert "413" in paths["/auth/token"]["post"]["responses"]
    await make_user()

    headers = bearer(await get_token()) | {"Content-Type": "application/json"}
    not_json = await client.patch("/users/me", content=b"\xff", headers=headers)
    assert not_json.status_code == 400
    assert not_json.json() == {"detail": "There was an error parsing the body"}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    too_large = await client.post("/auth/token", content=b"a=" + b"x" * 70_000, headers=form)
    assert too_large.status_code == 413
    assert too_large.headers["content-type"].startswith("text/plain")
