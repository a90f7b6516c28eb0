"""A loopback stand-in for Amazon SES v2, for load tests only (127.0.0.1, never the internet).

Answers what the send pipeline asks:
- POST /v2/email/outbound-emails (SendEmail) with {"MessageId": ...} after --delay-ms (50);
  with --rate N, more than N requests in a second (token bucket, one second of burst) get
  HTTP 429 TooManyRequestsException "Maximum sending rate exceeded.", as SES v2 answers.
- GET /v2/email/account (GetAccount) with a SendQuota: MaxSendRate = --rate (or --quota-rate
  when no rate is enforced), Max24HourSend = --max-24h (-1: unlimited), SentLast24Hours.
- GET /_standin/stats: accepted, throttled, duplicates (by the EmailTags "send" + "delivery"
  pair), accepted per second, its own CPU seconds; ?tags=1 adds the count per "send:delivery".
  POST /_standin/reset clears them; ?rate=N also changes the enforced rate (0: none).

Raw HTTP/1.1 on asyncio streams: botocore (urllib3) keeps connections alive and sends bodies
with Content-Length, one request at a time per connection; chunked bodies and
"Expect: 100-continue" are understood too. Cheap on CPU, so that it does not take much from
the pipeline it measures.

Run: .venv/bin/python bench/ses_standin.py [--port 0] [--rate 0] [--delay-ms 50]
Prints "PORT <n>" once it listens.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import re
import resource
import time
from collections import Counter

TAG = re.compile(rb'"Name":\s*"(send|delivery)",\s*"Value":\s*"([^"]*)"')
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests"}


class TokenBucket:
    def __init__(self, rate):
        self.rate, self.tokens, self.at = rate, float(rate), time.monotonic()

    def take(self):
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class StandIn:
    def __init__(self, options):
        self.options = options
        self.ids = itertools.count(1)
        self.reset()

    def reset(self, rate=None):
        if rate is not None:
            self.options.rate = rate
        self.bucket = TokenBucket(self.options.rate) if self.options.rate else None
        self.accepted, self.throttled, self.requests = 0, 0, 0
        self.tags = Counter()  # "send:delivery" -> times accepted
        self.per_second = Counter()

    # --- SES operations -------------------------------------------------------------------

    async def send_email(self, body):
        if self.bucket is not None and not self.bucket.take():
            self.throttled += 1
            return 429, {
                "__type": "TooManyRequestsException",
                "message": "Maximum sending rate exceeded.",
            }
        await asyncio.sleep(self.options.delay_ms / 1000)
        self.record(body)
        return 200, {"MessageId": f"0100-standin-{next(self.ids):012d}"}

    def record(self, body):
        self.accepted += 1
        self.per_second[int(time.time())] += 1
        tags = dict(TAG.findall(body))
        if b"delivery" in tags:
            self.tags[tags.get(b"send", b"") + b":" + tags[b"delivery"]] += 1

    def account(self):
        max_rate = self.options.rate or self.options.quota_rate
        return 200, {
            "SendQuota": {
                "Max24HourSend": float(self.options.max_24h),
                "MaxSendRate": float(max_rate),
                "SentLast24Hours": float(self.accepted),
            },
            "SendingEnabled": True,
            "ProductionAccessEnabled": True,
            "EnforcementStatus": "HEALTHY",
            "DedicatedIpAutoWarmupEnabled": False,
        }

    def stats(self, query):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        tagged = sum(self.tags.values())
        stats = {
            "accepted": self.accepted,
            "throttled": self.throttled,
            "requests": self.requests,
            "unique": len(self.tags),
            "duplicates": tagged - len(self.tags),
            "duplicate_tags": [key.decode() for key, n in self.tags.items() if n > 1][:100],
            "per_second": sorted(self.per_second.items()),
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "rate": self.options.rate,
        }
        if "tags=1" in query:
            stats["tags"] = {key.decode(): n for key, n in self.tags.items()}
        return 200, stats

    async def route(self, method, target, body):
        path, _mark, query = target.partition("?")
        if method == "POST" and path == "/v2/email/outbound-emails":
            self.requests += 1
            return await self.send_email(body)
        if method == "GET" and path == "/v2/email/account":
            return self.account()
        if method == "GET" and path == "/_standin/stats":
            return self.stats(query)
        if method == "POST" and path == "/_standin/reset":  # ?rate=N also sets the rate
            self.reset(float(query.split("rate=")[1]) if "rate=" in query else None)
            return 200, {"rate": self.options.rate}
        return 404, {"__type": "NotFoundException", "message": f"{method} {path}"}

    # --- HTTP/1.1 -------------------------------------------------------------------------

    async def serve(self, reader, writer):
        try:
            while True:
                request = await read_request(reader, writer)
                if request is None:
                    break
                status, payload = await self.route(*request)
                writer.write(response(status, payload))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def read_request(reader, writer):
    """(method, path, body) of the next request on the connection; None once it closes."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("expect", "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = await read_chunked(reader)
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return method, target, body


async def read_chunked(reader):
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


def response(status, payload):
    body = json.dumps(payload).encode()
    head = [
        f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        f"x-amzn-RequestId: standin-{time.monotonic_ns()}",
    ]
    if status >= 400:
        head.append(f"x-amzn-ErrorType: {payload['__type']}:")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def main(options):
    standin = StandIn(options)
    server = await asyncio.start_server(standin.serve, "127.0.0.1", options.port, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    async with server:
        await server.serve_forever()


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--rate", type=float, default=0, help="enforced messages/s (0: none)")
    parser.add_argument(
        "--quota-rate",
        type=float,
        default=100_000,
        help="MaxSendRate reported when no rate is enforced",
    )
    parser.add_argument("--delay-ms", type=float, default=50)
    parser.add_argument("--max-24h", type=float, default=-1)
    return parser.parse_args(argv)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(parse()))
