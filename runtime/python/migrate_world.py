"""The same world for both sides of a Python equivalence test (copied into each app's tests/ with migrate_harness.py).

While a run is active the clock is frozen (datetime.now/today/utcnow, time.time/time_ns/gmtime/localtime) and
uuid.uuid4 draws from the seeded `random` (reseeded per run), and failing socket operations are recorded: a handler
that caught a connection error still counts as having failed on I/O. Outside a run everything is the real thing.
Installed on import, before the handler modules load, so `from datetime import datetime` gets the switching class.
"""
import datetime as _dt
import random
import re
import socket
import time
import uuid

FROZEN_TIME = 1768465800.0  # 2026-01-15T08:30:00Z, the sample inputs' time
SEED = 0x5EED1

_active = False


# --- The same world for both sides: frozen clock and seeded randomness while a run is active. -----------------------

_RealDatetime = _dt.datetime


class _FrozenDatetime(_RealDatetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(FROZEN_TIME, tz) if _active else super().now(tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        if not _active:
            return cls.fromtimestamp(time.time(), _dt.timezone.utc).replace(tzinfo=None)
        return cls.fromtimestamp(FROZEN_TIME, _dt.timezone.utc).replace(tzinfo=None)


def _switch(real, frozen):
    return lambda *args, **kwargs: frozen(*args, **kwargs) if _active else real(*args, **kwargs)


def _install_determinism():
    if getattr(_dt.datetime, "_migrate_frozen", False):
        return
    _FrozenDatetime._migrate_frozen = True
    _dt.datetime = _FrozenDatetime
    real_gmtime, real_localtime = time.gmtime, time.localtime
    time.time = _switch(time.time, lambda: FROZEN_TIME)
    time.time_ns = _switch(time.time_ns, lambda: int(FROZEN_TIME * 1e9))
    time.gmtime = lambda secs=None: real_gmtime(FROZEN_TIME if secs is None and _active else secs)
    time.localtime = lambda secs=None: real_localtime(FROZEN_TIME if secs is None and _active else secs)
    uuid.uuid4 = _switch(uuid.uuid4, lambda: uuid.UUID(int=random.getrandbits(128), version=4))


# --- What failed on I/O: the error chain, socket operations that raised, I/O errors the handler logged. --------------

IO_ERRORS = {"ConnectionError", "ConnectionRefusedError", "ConnectionResetError", "TimeoutError", "gaierror", "timeout",
             "EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "NoCredentialsError",
             "PartialCredentialsError", "CredentialRetrievalError", "NoRegionError", "NewConnectionError",
             "MaxRetryError", "URLError", "ProxyConnectionError", "SSLError"}
IO_TEXT = re.compile(r"\b(" + "|".join(sorted(IO_ERRORS)) + r"|Connection refused|Could not connect to the endpoint URL|"
                     r"Unable to locate credentials|Name or service not known)\b")

_socket_errors = None


def io_failure_of(error, depth=0):
    """The I/O failure an exception (or its cause/context chain) stands for, if any."""
    if error is None or depth > 8:
        return None
    for cls in type(error).__mro__:
        if cls.__name__ in IO_ERRORS:
            return type(error).__name__
    return io_failure_of(error.__cause__ or error.__context__, depth + 1)


def _recording(real):
    def wrapper(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        except OSError as e:
            if _socket_errors is not None:
                _socket_errors.append(type(e).__name__)
            raise
    return wrapper


def _install_socket_observer():
    if getattr(socket.getaddrinfo, "_migrate_observed", False):
        return
    for name in ("getaddrinfo", "create_connection"):
        wrapped = _recording(getattr(socket, name))
        wrapped._migrate_observed = True
        setattr(socket, name, wrapped)
    socket.socket.connect = _recording(socket.socket.connect)




def begin():
    """Start a run: frozen clock, reseeded randomness; returns the list failing socket operations are recorded in."""
    global _active, _socket_errors
    random.seed(SEED)
    _active, _socket_errors = True, []
    return _socket_errors


def end():
    global _active, _socket_errors
    _active, _socket_errors = False, None


_install_determinism()
_install_socket_observer()
