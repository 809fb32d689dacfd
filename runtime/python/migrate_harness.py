"""Equivalence-test harness for the Python apps migrate convert generated (copied into each app's tests/, not deployed).

A generated test gives an Azure input (func.HttpRequest, func.QueueMessage, ...) to `assert_equivalent`, which
1. calls the registered Azure function once with its Lambda handler replaced by a recorder, to get the Lambda event
   the function builds from that input (the original then receives exactly this event);
2. runs the ORIGINAL `lambda_handler` on that event, as Lambda would;
3. runs the registered Azure function (the v2 decorator's user function) on the Azure input, as the host would;
and compares what the handler code did on each side: the return value / HTTP response, the queue message settled or
failed, the error by type and message, and what handler code printed or logged. Both runs see the same frozen clock,
seeded randomness and request id (migrate_world.py). When both sides failed on I/O the test is skipped as "not proven"
(docs/convert.md).
"""
import base64
import contextlib
import datetime as _dt
import io
import json
import logging
import re
import sys
import threading
from pathlib import Path

import azure.functions as func

import migrate_world as world
from migrate_world import FROZEN_TIME, IO_TEXT, io_failure_of

APP_DIR = Path(__file__).resolve().parent.parent
if str(APP_DIR) not in sys.path:
    sys.path.insert(0, str(APP_DIR))

REQUEST_ID = "00000000-0000-4000-8000-000000000001"
GENERATED = {"function_app.py", "migrate_runtime.py"}

# --- Capture: what handler code printed or logged, frames dropped. ---------------------------------------------------

TRACEBACK_LINE = re.compile(r'^(Traceback \(most recent call last\):|\s+File ".*", line \d+.*|\s+[\^~]+\s*)$')


def without_traceback_frames(text):
    """The same error raised from another file or line reads the same: traceback frame lines are dropped."""
    lines = text.split("\n")
    out, skip_source = [], False
    for line in lines:
        if TRACEBACK_LINE.match(line):
            skip_source = line.lstrip().startswith("File ")
            continue
        if skip_source and line.startswith("    "):
            skip_source = False
            continue
        skip_source = False
        out.append(line)
    return "\n".join(out)


def _handler_code(pathname):
    """A record logged by a module of the app itself (not a library, not the generated adapters or tests)."""
    try:
        path = Path(pathname).resolve()
        rel = path.relative_to(APP_DIR)
    except (ValueError, OSError):
        return False
    return rel.parts[0] not in ("tests", ".venv") and path.name not in GENERATED


class _Capture(logging.Handler):
    def __init__(self, logs):
        super().__init__(logging.NOTSET)
        self.logs = logs

    def emit(self, record):
        if not _handler_code(record.pathname):
            return
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += " | " + error_text(record.exc_info[1])
        self.logs.append(f"{record.levelname} {without_traceback_frames(text)}")


def error_text(error):
    return f"{type(error).__name__}: {error}"


class _Printed(io.TextIOBase):
    """sys.stdout during a run: printed text joins the log list in order, as in Lambda's log stream."""

    def __init__(self, logs):
        self.logs = logs

    def write(self, text):
        self.logs.append(_PrintedText(text))
        return len(text)


class _PrintedText(str):
    pass


def _merged(entries):
    """Consecutive printed chunks as lines (frames dropped, blank lines skipped), logging records as they are."""
    out, chunk = [], []

    def flush():
        text = without_traceback_frames("".join(chunk))
        out.extend(f"STDOUT {line}" for line in text.split("\n") if line.strip())
        chunk.clear()

    for entry in entries:
        if isinstance(entry, _PrintedText):
            chunk.append(entry)
        else:
            flush()
            out.append(entry)
    flush()
    return out


class Outcome:
    def __init__(self, ok, value=None, error=None, logs=(), io=None):
        self.ok, self.value, self.error, self.logs, self.io = ok, value, error, list(logs), io

    def __repr__(self):
        return f"Outcome(ok={self.ok!r}, value={self.value!r}, error={self.error!r}, logs={self.logs!r}, io={self.io!r})"


class TimedOut(Exception):
    pass


def run(call, timeout_ms):
    """Run `call()` with the frozen clock and seeded randomness, capturing handler output, bounded by the timeout."""
    logs = []
    stdout = _Printed(logs)
    capture = _Capture(logs)
    root = logging.getLogger()
    root.addHandler(capture)
    socket_errors = world.begin()
    box = {}

    def target():
        try:
            box["value"] = call()
        except BaseException as e:  # noqa: BLE001 - the outcome records what the handler raised
            box["error"] = e

    try:
        with contextlib.redirect_stdout(stdout):
            worker = threading.Thread(target=target, daemon=True)
            worker.start()
            worker.join(timeout_ms / 1000.0)
            if worker.is_alive():
                box["error"] = TimedOut(f"Task timed out after {timeout_ms / 1000:.2f} seconds")
    finally:
        world.end()
        root.removeHandler(capture)
    logs = _merged(logs)
    error = box.get("error")
    failure = io_failure_of(error) if error is not None else None
    failure = failure or (socket_errors[0] if socket_errors else None) or next((m.group(0) for m in map(IO_TEXT.search, logs) if m), None)
    if error is not None:
        name = "Sandbox.Timedout" if isinstance(error, TimedOut) else type(error).__name__
        return Outcome(False, error=f"{name}: {error}", logs=logs, io=failure)
    return Outcome(True, value=box.get("value"), logs=logs, io=failure)


# --- The two sides. ----------------------------------------------------------------------------------------------------

class TestContext(func.Context):
    """The func.Context the host passes: the invocation id both sides share."""

    def __init__(self, function_name):
        self._function_name = function_name

    invocation_id = property(lambda self: REQUEST_ID)
    function_name = property(lambda self: self._function_name)
    function_directory = property(lambda self: str(APP_DIR))
    trace_context = property(lambda self: None)
    retry_context = property(lambda self: None)
    thread_local_storage = property(lambda self: threading.local())


_registered = {}


def azure_function(app, name):
    """The user function a v2 decorator registered under `name` on the FunctionApp (get_functions() runs once)."""
    if id(app) not in _registered:
        _registered[id(app)] = {fn.get_function_name(): fn.get_user_function() for fn in app.get_functions()}
    if name not in _registered[id(app)]:
        raise LookupError(f"no function named {name} is registered on the FunctionApp")
    return _registered[id(app)][name]


class _Recorded(BaseException):
    """Stops the converted function once its Lambda handler was called (BaseException: adapters catch Exception)."""


def lambda_event_for(app, module, name, azure_input):
    """The Lambda event the converted function builds from `azure_input` (its handler swapped for a recorder)."""
    recorded = {}

    def recorder(event, _context):
        recorded["event"] = event
        raise _Recorded()

    real = module.load_handler
    module.load_handler = lambda *_args: recorder
    try:
        azure_function(app, name)(azure_input(), TestContext(name))
    except _Recorded:
        pass
    finally:
        module.load_handler = real
    if "event" not in recorded:
        raise AssertionError(f"{name} did not call its Lambda handler")
    return json.loads(json.dumps(recorded["event"]))


def run_lambda(handler, event, function_name, timeout_ms):
    """The original handler with the Lambda context the converted function builds (the remaining time reads the full
    timeout on the frozen clock)."""
    import migrate_runtime

    return run(lambda: handler(event, migrate_runtime.LambdaContext(TestContext(function_name), function_name, timeout_ms)), timeout_ms)


def run_azure(app, name, azure_input, timeout_ms):
    return run(lambda: azure_function(app, name)(azure_input(), TestContext(name)), timeout_ms)


# --- Comparison. ---------------------------------------------------------------------------------------------------

def normalize_response(response):
    """Status, lower-cased sorted headers and the body as text (base64 for binary)."""
    headers = sorted((k.lower(), v) for k, v in response.headers.items() if k.lower() != "content-length")
    raw = response.get_body() or b""
    try:
        body = without_traceback_frames(raw.decode("utf-8"))
    except UnicodeDecodeError:
        body = "base64:" + base64.b64encode(raw).decode("ascii")
    return {"status": response.status_code, "headers": headers, "body": body}


def _gateway_error(fmt):
    if fmt == "2.0":
        return {"status": 500, "headers": [("content-type", "application/json")], "body": '{"message":"Internal Server Error"}'}
    return {"status": 502, "headers": [("content-type", "application/json")], "body": '{"message": "Internal server error"}'}


def expected_http_response(outcome, fmt):
    """What the replaced API Gateway answers for the original outcome, written from its documented behaviour here (not
    with migrate_runtime.http_response, which is what the converted side runs and what this checks): an error or a
    malformed proxy result is a 502 (500 for payload 2.0); 2.0 turns a bare value into a JSON 200."""
    if not outcome.ok:
        return _gateway_error(fmt)
    result = outcome.value
    if fmt == "2.0" and not (isinstance(result, dict) and "statusCode" in result):
        body = result if isinstance(result, str) else json.dumps(result)
        return {"status": 200, "headers": [("content-type", "application/json")], "body": body}
    if not isinstance(result, dict) or type(result.get("statusCode")) is not int:
        return _gateway_error(fmt)
    headers = {str(k).lower(): str(v) for k, v in (result.get("headers") or {}).items()}
    headers.update({str(k).lower(): ", ".join(map(str, v)) for k, v in (result.get("multiValueHeaders") or {}).items()})
    raw = (result.get("body") or "").encode("utf-8")
    if result.get("isBase64Encoded"):
        raw = base64.b64decode(raw)
    response = func.HttpResponse(raw, status_code=result["statusCode"], headers=headers)
    return normalize_response(response)


def sqs_failed(outcome):
    """The message failed on Azure exactly when Lambda raised or reported it in batchItemFailures."""
    if not outcome.ok:
        return True
    return isinstance(outcome.value, dict) and bool(outcome.value.get("batchItemFailures"))


def not_proven(original, converted):
    """Both sides failed on I/O: nothing is proven about the code; the reason for pytest.skip, else None."""
    if original.io and converted.io:
        return f"not proven: both sides failed on I/O (original: {original.io}; converted: {converted.io})"
    return None


def assert_equivalent(name, azure_input, handler, lambda_name, timeout_ms, compare, http_format=None):
    """Run both sides of the Azure function `name` and compare; pytest.skip("not proven: ...") when both failed on I/O.

    azure_input: a function returning the Azure input (called once per run); handler: (module, export) of the original
    Lambda handler; compare: "http" (the response), "sqs" (the message settled or failed) or "value" (ok or error).
    """
    import pytest
    import function_app
    import migrate_runtime

    app = function_app.app
    event = lambda_event_for(app, function_app, name, azure_input)
    original = run_lambda(migrate_runtime.load_handler(*handler), event, lambda_name, timeout_ms)
    converted = run_azure(app, name, azure_input, timeout_ms)
    reason = not_proven(original, converted)
    if reason:
        pytest.skip(reason)
    if compare == "http":
        assert converted.ok, converted.error
        assert normalize_response(converted.value) == expected_http_response(original, http_format)
    elif compare == "sqs":
        assert (not converted.ok) == sqs_failed(original), converted.error or "the converted function settled the message"
    else:
        assert converted.ok == original.ok, converted.error or original.error
        if not original.ok:
            assert converted.error == original.error
    assert converted.logs == original.logs


# --- Sample Azure inputs. --------------------------------------------------------------------------------------------

SAMPLE_BODY = {"id": "sample-1", "sku": "sku-1", "quantity": 2, "email": "user@example.com", "mode": "succeed"}


def http_request(method, url, route_params=None, body=None):
    data = b"" if body is None else json.dumps(body).encode("utf-8")
    headers = {"content-type": "application/json", "user-agent": "migrate-equivalence", "x-forwarded-for": "203.0.113.7"}
    return func.HttpRequest(method=method, url=url, headers=headers, params={}, route_params=route_params or {}, body=data)


def queue_message(body=None):
    return func.QueueMessage(id="message-1", body=json.dumps(SAMPLE_BODY if body is None else body).encode("utf-8"))


def service_bus_message(body=None):
    return func.ServiceBusMessage(body=json.dumps(SAMPLE_BODY if body is None else body).encode("utf-8"))


def timer_request():
    from azure.functions.timer import TimerRequest
    return TimerRequest(past_due=False)


def event_grid_event(data=None, subject="com.example.sample", event_type="Sample.Event"):
    return func.EventGridEvent(id="event-1", data=SAMPLE_BODY if data is None else data, topic="sample-topic", subject=subject,
                               event_type=event_type, event_time=_dt.datetime.fromtimestamp(FROZEN_TIME, _dt.timezone.utc).replace(tzinfo=None), data_version="1")


def blob(container, key="incoming/sample-1.json"):
    from azure.functions.blob import InputStream
    data = json.dumps(SAMPLE_BODY).encode("utf-8")
    return InputStream(data=data, name=f"{container}/{key}", length=len(data))
