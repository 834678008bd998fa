"""Shared fixtures: the CLI built beside the library (ZSM_CLI), the samples."""
import glob
import json
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("ZSM_CLI") or os.path.join(ROOT, "build", "zsmetrics")
    if not os.access(path, os.X_OK):
        pytest.skip("no zsmetrics binary at %s (set ZSM_CLI)" % path)
    return path


@pytest.fixture(scope="session")
def samples():
    return sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))


def run_cli(cli, *args):
    """The records the CLI writes for args (JSON Lines), as dicts."""
    out = subprocess.run([cli, "-q", "-j1", *args], capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
