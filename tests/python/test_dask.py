"""zsmetrics.dask on a LocalCluster of two worker processes equals the CLI."""
import pytest

from conftest import run_cli

distributed = pytest.importorskip("distributed")


def test_local_cluster_gives_the_cli_records_in_order(cli, samples):
    import zsmetrics.dask
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        got = zsmetrics.dask.extract_files(samples * 3, client)
        info = client.scheduler_info()
    assert len(info["workers"]) == 2
    want = run_cli(cli, *samples)
    assert got == want * 3
