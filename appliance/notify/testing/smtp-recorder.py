"""A real SMTP server on loopback (aiosmtpd) that prints every message it accepts as a JSON line.

Used by the notification tests: `python3 smtp-recorder.py [PORT]` prints `PORT <n>` once listening,
then one JSON object per message: {"from": ..., "to": [...], "data": "<the raw message>"}.
"""
import asyncio
import json
import sys

from aiosmtpd.smtp import SMTP


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        content = envelope.content.decode("utf-8", errors="replace") if isinstance(envelope.content, bytes) else envelope.content
        print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos, "data": content}), flush=True)
        return "250 Message accepted for delivery"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Recorder(), hostname="roomctl-test"), "127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    # Stop when the test closes our stdin (or kills us).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
