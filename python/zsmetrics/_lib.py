"""The C library, loaded once with ctypes.

Where it is looked for, in order: ZSMETRICS_LIB (a path), the path written into
_libpath.py when the package was built or installed, the package's own folder,
and the system loader (libzsmetrics.so.0).
"""
import ctypes
import os

SOVERSION = 0


class ZsmError(ctypes.Structure):
    """struct zsm_error of zsmetrics.h."""
    _fields_ = [
        ("status", ctypes.c_int),
        ("file", ctypes.c_char * 256),
        ("rule", ctypes.c_char * 96),
        ("offset", ctypes.c_long),
        ("message", ctypes.c_char * 512),
    ]


def _candidates():
    env = os.environ.get("ZSMETRICS_LIB")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        from . import _libpath  # written by the build and by cmake --install
        yield _libpath.LIBRARY
    except ImportError:
        pass
    yield os.path.join(here, "libzsmetrics.so.%d" % SOVERSION)
    yield "libzsmetrics.so.%d" % SOVERSION


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            tried.append("%s (%s)" % (path, exc))
    raise ImportError("zsmetrics: the C library libzsmetrics.so.%d was not found; tried: %s. "
                      "Build it (cmake --build build) and set ZSMETRICS_LIB or PYTHONPATH=build/python"
                      % (SOVERSION, "; ".join(tried)))


lib = _load()

_P = ctypes.c_void_p
_E = ctypes.POINTER(ZsmError)
for name, restype, argtypes in [
        ("zsm_version", ctypes.c_char_p, []),
        ("zsm_strerror", ctypes.c_char_p, [ctypes.c_int]),
        ("zsm_rules_default", _P, [_E]),
        ("zsm_rules_load", _P, [ctypes.c_char_p, _E]),
        ("zsm_rules_add_file", ctypes.c_int, [_P, ctypes.c_char_p, _E]),
        ("zsm_rules_count", ctypes.c_size_t, [_P]),
        ("zsm_rules_free", None, [_P]),
        ("zsm_extract", ctypes.c_int,
         [_P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(_P)]),
        ("zsm_doc_to_json", _P, [_P, ctypes.c_uint]),
        ("zsm_doc_free", None, [_P]),
        ("zsm_free", None, [_P]),
        ("zsm_csv_header", ctypes.c_char_p, [])]:
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = argtypes
