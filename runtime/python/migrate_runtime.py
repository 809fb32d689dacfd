"""Lambda-shaped events and context over azure.functions; migrate convert copies this module into every Python app."""
import base64
import importlib
import json
import time

import azure.functions as func

TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript", "application/x-www-form-urlencoded")


def load_handler(module, name):
    return getattr(importlib.import_module(module), name)


class LambdaContext:
    """The attributes Lambda handlers read; get_remaining_time_in_millis counts down from the Lambda timeout."""

    def __init__(self, context, function_name, timeout_ms):
        self.aws_request_id = getattr(context, "invocation_id", "")
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = ""
        self.memory_limit_in_mb = 128
        self.log_group_name = ""
        self.log_stream_name = ""
        self._deadline = time.time() + timeout_ms / 1000.0  # wall clock, like Lambda's deadline

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))


def _body(req):
    raw = req.get_body() or b""
    if not raw:
        return None, False
    ctype = req.headers.get("content-type", "text/plain")
    if ctype.startswith(TEXT_TYPES):
        return raw.decode("utf-8"), False
    return base64.b64encode(raw).decode("ascii"), True


def _path(req, route_prefix="api"):
    from urllib.parse import urlparse, unquote

    path = unquote(urlparse(req.url).path)
    prefix = "/" + route_prefix.strip("/") if route_prefix else ""
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        return path[len(prefix):] or "/"
    return path


def api_gateway_v1_event(req, context, resource, stage):
    body, is_b64 = _body(req)
    headers = {k.lower(): v for k, v in req.headers.items()}
    query = dict(req.params) or None
    path = _path(req)
    return {
        "resource": resource,
        "path": path,
        "httpMethod": req.method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": dict(req.route_params) or None,
        "stageVariables": None,
        "requestContext": {"resourcePath": resource, "httpMethod": req.method, "path": "/" + stage + path, "stage": stage,
                           "requestId": getattr(context, "invocation_id", "")},
        "body": body,
        "isBase64Encoded": is_b64,
    }


def api_gateway_v2_event(req, context, route_key, stage):
    body, is_b64 = _body(req)
    headers = {k.lower(): v for k, v in req.headers.items()}
    event = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": _path(req),
        "headers": headers,
        "requestContext": {"routeKey": route_key, "stage": stage, "requestId": getattr(context, "invocation_id", ""),
                           "http": {"method": req.method, "path": _path(req)}},
        "isBase64Encoded": is_b64,
    }
    if req.params:
        event["queryStringParameters"] = dict(req.params)
    if req.route_params:
        event["pathParameters"] = dict(req.route_params)
    if body is not None:
        event["body"] = body
    return event


def http_response(run, fmt):
    """Lambda proxy result → HttpResponse; errors and malformed results as API Gateway answers them."""
    def gateway_error():
        if fmt == "2.0":
            return func.HttpResponse('{"message":"Internal Server Error"}', status_code=500, mimetype="application/json")
        return func.HttpResponse('{"message": "Internal server error"}', status_code=502, mimetype="application/json")

    try:
        result = run()
    except Exception:
        return gateway_error()
    if fmt == "2.0" and not (isinstance(result, dict) and "statusCode" in result):
        result = {"statusCode": 200, "headers": {"content-type": "application/json"},
                  "body": result if isinstance(result, str) else json.dumps(result)}
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        return gateway_error()
    headers = {str(k).lower(): str(v) for k, v in (result.get("headers") or {}).items()}
    for k, values in (result.get("multiValueHeaders") or {}).items():
        headers[str(k).lower()] = ", ".join(str(v) for v in values)
    body = result.get("body") or ""
    if result.get("isBase64Encoded"):
        body = base64.b64decode(body)
    return func.HttpResponse(body, status_code=result["statusCode"], headers=headers)


def sqs_event(msg, queue_arn):
    return {"Records": [{
        "messageId": msg.id or "",
        "receiptHandle": msg.id or "",
        "body": msg.get_body().decode("utf-8"),
        "attributes": {"ApproximateReceiveCount": str(msg.dequeue_count or 1)},
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
    }]}


def settle_sqs_result(result):
    """One message per invocation: a reported batch item failure fails the invocation (redelivery, then poison queue)."""
    if isinstance(result, dict) and result.get("batchItemFailures"):
        raise RuntimeError("message reported as failed by the handler (batchItemFailures)")


def scheduled_event(timer, context, rule_arn):
    return {"version": "0", "id": getattr(context, "invocation_id", ""), "detail-type": "Scheduled Event",
            "source": "aws.events", "account": "", "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "region": "", "resources": [rule_arn], "detail": {}}


def s3_event(blob, bucket):
    name = blob.name or ""
    key = name.split("/", 1)[1] if "/" in name else name
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                         "s3": {"bucket": {"name": bucket, "arn": "arn:aws:s3:::" + bucket},
                                "object": {"key": key, "size": blob.length or 0}}}]}


def sns_event(event, topic_arn):
    data = event.get_json()
    return {"Records": [{"EventSource": "aws:sns", "Sns": {
        "MessageId": event.id, "TopicArn": topic_arn, "Subject": event.subject,
        "Message": data if isinstance(data, str) else json.dumps(data)}}]}


def eventbridge_event(event):
    return {"version": "0", "id": event.id, "detail-type": event.event_type, "source": event.subject,
            "account": "", "region": "", "resources": [], "detail": event.get_json()}
