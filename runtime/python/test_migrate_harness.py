"""migrate_harness compares behaviour, not noise: one reduced case per class (issue 12), against the real azure-functions."""
import datetime
import json
import logging
import random
import socket
import sys
import time
import traceback
import uuid
import warnings

import azure.functions as func

import migrate_harness as h
import migrate_runtime as rt


def test_both_runs_see_the_same_frozen_clock_and_seeded_randomness():
    def handler():
        return [datetime.datetime.now(datetime.timezone.utc).isoformat(), time.time(), str(uuid.uuid4()), random.random()]

    first = h.run(handler, 1000)
    time.sleep(0.02)
    second = h.run(handler, 1000)
    assert first.ok and second.ok
    assert first.value == second.value
    assert first.value[0] == "2026-01-15T08:30:00+00:00"
    assert time.time() > h.FROZEN_TIME + 3600  # outside a run the clock is real


def _raise_here():
    raise KeyError("sku")


def _raise_elsewhere():
    error = KeyError("sku")
    raise error


def test_the_same_error_from_different_frames_reads_the_same_in_outcome_and_logs():
    def handler(raiser):
        def run():
            try:
                raiser()
            except KeyError:
                print(traceback.format_exc())
                logging.getLogger("handler").exception("lookup failed")
            raiser()
        return run

    here, elsewhere = h.run(handler(_raise_here), 1000), h.run(handler(_raise_elsewhere), 1000)
    assert here.error == elsewhere.error == "KeyError: 'sku'"
    assert here.logs == elsewhere.logs
    assert here.logs == ["STDOUT KeyError: 'sku'", "ERROR lookup failed | KeyError: 'sku'"]


def test_only_handler_code_output_is_captured_not_library_logs_or_warnings():
    def handler():
        # Routed to the py.warnings logger (as a host that captures warnings does): a library record, not the handler's.
        logging.captureWarnings(True)
        warnings.warn("this Python version is no longer supported by boto3", UserWarning)
        logging.captureWarnings(False)
        library = logging.LogRecord("botocore.credentials", logging.WARNING, "/usr/lib/python3/site-packages/botocore/credentials.py", 1, "Found credentials", None, None)
        logging.getLogger("botocore.credentials").handle(library)
        logging.getLogger("handler").warning("handled %s", "order-1")
        return "ok"

    outcome = h.run(handler, 1000)
    assert outcome.logs == ["WARNING handled order-1"]


def _closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_a_handler_whose_only_work_is_unreachable_io_is_not_proven_caught_or_not():
    port = _closed_port()

    def propagates():
        socket.create_connection(("127.0.0.1", port), timeout=1)

    def catches():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1)
        except OSError:
            return {"statusCode": 503}
        return {"statusCode": 200}

    for handler in (propagates, catches):
        original, converted = h.run(handler, 2000), h.run(handler, 2000)
        assert original.io == "ConnectionRefusedError"
        assert h.not_proven(original, converted).startswith("not proven: both sides failed on I/O")
    assert h.not_proven(h.run(lambda: 1, 1000), h.run(lambda: 1, 1000)) is None


def test_a_hanging_handler_is_reported_as_the_lambda_timeout():
    outcome = h.run(lambda: time.sleep(1), 100)
    assert outcome.error == "Sandbox.Timedout: Task timed out after 0.10 seconds"


# A v2 app as convert generates it, calling its handler through this module's load_handler.
app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


def echo_handler(event, context):
    print("request", context.aws_request_id)
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"path": event["path"], "at": time.time()})}


def load_handler(_module, _name):
    return echo_handler


@app.function_name(name="Echo")
@app.route(route="items/{id}", methods=["GET"])
def echo(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    handler = load_handler("test_migrate_harness", "echo_handler")
    event = rt.api_gateway_v1_event(req, context, "/items/{id}", "prod")
    return rt.http_response(lambda: handler(event, rt.LambdaContext(context, "Echo", 3000)), "1.0")


def test_the_lambda_event_is_what_the_registered_function_builds_and_both_sides_compare_equal():
    request = lambda: h.http_request("GET", "http://localhost/api/items/sample-1", route_params={"id": "sample-1"})  # noqa: E731
    event = h.lambda_event_for(app, sys.modules[__name__], "Echo", request)
    assert event["path"] == "/items/sample-1" and event["pathParameters"] == {"id": "sample-1"}
    assert event["requestContext"]["requestId"] == h.REQUEST_ID
    original = h.run_lambda(echo_handler, event, "Echo", 3000)
    converted = h.run_azure(app, "Echo", request, 3000)
    assert converted.logs == original.logs == ["STDOUT request " + h.REQUEST_ID]
    assert h.normalize_response(converted.value) == h.expected_http_response(original, "1.0")
    assert json.loads(converted.value.get_body())["at"] == h.FROZEN_TIME


def test_the_gateway_oracle_answers_like_api_gateway():
    ok = h.Outcome(True, value={"statusCode": 201, "headers": {"X-A": 1}, "body": "hi"})
    assert h.expected_http_response(ok, "1.0") == {"status": 201, "headers": [("x-a", "1")], "body": "hi"}
    assert h.expected_http_response(h.Outcome(False, error="ValueError: x"), "1.0")["status"] == 502
    assert h.expected_http_response(h.Outcome(False, error="ValueError: x"), "2.0")["status"] == 500
    assert h.expected_http_response(h.Outcome(True, value={"a": 1}), "2.0")["body"] == '{"a": 1}'
    assert h.expected_http_response(h.Outcome(True, value={"a": 1}), "1.0")["status"] == 502
