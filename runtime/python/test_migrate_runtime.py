"""migrate_runtime against the real azure-functions library: events, context and API Gateway result semantics."""
import base64
import datetime
import json
import time

import azure.functions as func
from azure.functions.blob import InputStream
import pytest

import migrate_runtime as rt


class Ctx:
    invocation_id = "inv-1"


def request(method="GET", url="http://localhost/api/items/7", headers=None, params=None, route_params=None, body=b""):
    return func.HttpRequest(method, url, headers=headers or {}, params=params or {}, route_params=route_params or {}, body=body)


def test_v1_event_text_body_query_path_params_and_prefix_stripped():
    req = request("POST", "http://localhost/api/items/7?limit=2", {"Content-Type": "application/json"}, {"limit": "2"}, {"id": "7"}, b'{"a":1}')
    e = rt.api_gateway_v1_event(req, Ctx(), "/items/{id}", "prod")
    assert e["path"] == "/items/7"
    assert e["httpMethod"] == "POST"
    assert e["body"] == '{"a":1}' and e["isBase64Encoded"] is False
    assert e["queryStringParameters"] == {"limit": "2"}
    assert e["multiValueQueryStringParameters"] == {"limit": ["2"]}
    assert e["pathParameters"] == {"id": "7"}
    assert e["requestContext"]["path"] == "/prod/items/7"
    assert e["requestContext"]["requestId"] == "inv-1"
    assert e["headers"]["content-type"] == "application/json"


def test_v1_event_binary_body_is_base64_and_empty_parts_are_none():
    e = rt.api_gateway_v1_event(request("POST", headers={"content-type": "image/png"}, body=b"\x00\x01\xff"), Ctx(), "/items", "prod")
    assert e["isBase64Encoded"] is True
    assert base64.b64decode(e["body"]) == b"\x00\x01\xff"
    empty = rt.api_gateway_v1_event(request(), Ctx(), "/items", "prod")
    assert empty["body"] is None and empty["queryStringParameters"] is None and empty["pathParameters"] is None


def test_v2_event_omits_absent_parts():
    e = rt.api_gateway_v2_event(request(), Ctx(), "GET /items/{id}", "$default")
    assert e["version"] == "2.0" and e["rawPath"] == "/items/7"
    assert "body" not in e and "queryStringParameters" not in e and "pathParameters" not in e


@pytest.mark.parametrize("fmt,status", [("1.0", 502), ("2.0", 500)])
def test_a_raising_handler_is_the_gateway_error(fmt, status):
    def boom():
        raise ValueError("x")

    r = rt.http_response(boom, fmt)
    assert r.status_code == status
    assert json.loads(r.get_body())["message"] in ("Internal server error", "Internal Server Error")


def test_payload_2_accepts_a_bare_value_and_1_rejects_it():
    r = rt.http_response(lambda: {"ok": True}, "2.0")
    assert r.status_code == 200 and json.loads(r.get_body()) == {"ok": True}
    assert rt.http_response(lambda: {"ok": True}, "1.0").status_code == 502


def test_proxy_result_headers_and_base64_body():
    result = {"statusCode": 201, "headers": {"X-One": 1}, "multiValueHeaders": {"X-Many": ["a", "b"]},
              "body": base64.b64encode(b"hi").decode(), "isBase64Encoded": True}
    r = rt.http_response(lambda: result, "1.0")
    assert r.status_code == 201
    assert r.get_body() == b"hi"
    assert r.headers["x-one"] == "1" and r.headers["x-many"] == "a, b"


def test_sqs_event_from_a_queue_message_and_batch_failures():
    msg = func.QueueMessage(id="m-1", body=b'{"a":1}')
    e = rt.sqs_event(msg, "arn:q")
    assert e["Records"][0]["messageId"] == "m-1"
    assert e["Records"][0]["body"] == '{"a":1}'
    assert e["Records"][0]["eventSourceARN"] == "arn:q"
    with pytest.raises(RuntimeError):
        rt.settle_sqs_result({"batchItemFailures": [{"itemIdentifier": "m-1"}]})
    rt.settle_sqs_result({"batchItemFailures": []})
    rt.settle_sqs_result(None)


def test_sns_and_eventbridge_events_from_event_grid():
    grid = func.EventGridEvent(id="evt-1", data={"a": 1}, topic="t", subject="com.example", event_type="Sample",
                               event_time=datetime.datetime(2026, 1, 15, 8, 30), data_version="1")
    sns = rt.sns_event(grid, "arn:t")["Records"][0]["Sns"]
    assert sns["MessageId"] == "evt-1" and sns["TopicArn"] == "arn:t" and json.loads(sns["Message"]) == {"a": 1}
    eb = rt.eventbridge_event(grid)
    assert eb["detail-type"] == "Sample" and eb["source"] == "com.example" and eb["detail"] == {"a": 1}


def test_s3_event_key_drops_the_container():
    blob = InputStream(data=b"abc", name="uploads/in/photo.jpg", length=3)
    record = rt.s3_event(blob, "uploads")["Records"][0]
    assert record["s3"]["object"] == {"key": "in/photo.jpg", "size": 3}
    assert record["s3"]["bucket"]["arn"] == "arn:aws:s3:::uploads"


def test_scheduled_event_and_context_deadline():
    e = rt.scheduled_event(object(), Ctx(), "arn:r")
    assert e["detail-type"] == "Scheduled Event" and e["resources"] == ["arn:r"] and e["id"] == "inv-1"
    c = rt.LambdaContext(Ctx(), "fn", 3000)
    assert c.aws_request_id == "inv-1" and c.function_name == "fn"
    remaining = c.get_remaining_time_in_millis()
    assert 0 < remaining <= 3000
    time.sleep(0.01)
    assert c.get_remaining_time_in_millis() < remaining
