#!/usr/bin/env python3
"""A local SMTP sink for bench/fanout.sh: accepts every mail on 127.0.0.1:PORT and throws it away, counting.

    python3 bench/smtp-sink.py PORT COUNT_FILE

Speaks just enough SMTP for Vert.x's mail client (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH,
no PIPELINING offered). COUNT_FILE gets "messages bytes" after every mail, so the script can read progress.
Python standard library only (smtpd is gone from 3.12).
"""
import asyncio
import os
import sys

PORT = int(sys.argv[1])
COUNT_FILE = sys.argv[2]
messages = 0
size = 0


def record():
    # Written aside and renamed, so that a reader never sees a half-written file.
    with open(COUNT_FILE + ".tmp", "w") as f:
        f.write(f"{messages} {size}\n")
    os.replace(COUNT_FILE + ".tmp", COUNT_FILE)


async def session(reader, writer):
    global messages, size
    writer.write(b"220 fanloop-bench-sink ESMTP\r\n")
    await writer.drain()
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-fanloop-bench-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                n = 0
                while True:
                    body = await reader.readline()
                    if not body or body == b".\r\n":
                        break
                    n += len(body)
                messages += 1
                size += n
                record()
                writer.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                writer.write(b"250 ok\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main():
    record()
    server = await asyncio.start_server(session, "127.0.0.1", PORT)
    async with server:
        await server.serve_forever()


asyncio.run(main())
