"""Many files on a Dask cluster (Debian: python3-distributed).

    from dask.distributed import Client
    import zsmetrics.dask
    client = Client("tcp://scheduler:8786")      # or Client(LocalCluster(...))
    records = zsmetrics.dask.extract_files(paths, client)

Each worker reads its files and runs the C library itself (it must be able to
import zsmetrics and load libzsmetrics.so: the same install on every host, or
PYTHONPATH and ZSMETRICS_LIB set for the workers).  The records come back in
the order of `paths`.  `rules_path` and `add` name rules files the workers can
read; each worker compiles them once.
"""
import threading

_cache = {}
_cache_lock = threading.Lock()


def _worker_rules(rules_path, add):
    import zsmetrics
    key = (rules_path, tuple(add))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = (zsmetrics.Rules(rules_path, add)
                           if rules_path is not None or add else None)
        return _cache[key]


def _extract_one(path, rules_path=None, add=()):
    import zsmetrics
    return zsmetrics.extract_file(path, rules=_worker_rules(rules_path, add))


def extract_files(paths, client, rules_path=None, add=(), batch_size=None):
    """The records of `paths`, computed by the workers of `client`, in order."""
    paths = list(paths)
    futures = client.map(_extract_one, paths, rules_path=rules_path, add=tuple(add),
                         pure=False, batch_size=batch_size)
    return client.gather(futures)
