"""The soak under mixed load (bench/soak.py), shortened: several workers on PostgreSQL, many
clients at once, and afterwards no 5xx, one winner per refresh race, token versions and sessions
in the database as the clients' actions make them, /health within its bound, and metrics that
add up across the workers."""

import os

import pytest

from bench.soak import soak

from .test_server_databases import server_url

SECONDS = float(os.environ.get("SOAK_SECONDS", "25"))


@pytest.mark.soak
def test_a_soak_under_mixed_load_leaves_everything_consistent(tmp_path):
    server_url("postgres")

    result, problems = soak(tmp_path, SECONDS)

    assert problems == []
    assert result.requests > 0
    assert all(result.actions[kind] > 0 for kind in ("signup", "login", "refresh", "logout_all", "admin_change"))
    assert len(result.races) > 0
    assert result.actions["refresh_reuse"] > 0
