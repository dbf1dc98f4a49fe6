"""A language-server session over stdio, as an editor opens a preset: initialize, initialized,
didOpen, then the diagnostics published for it. Prints them as `code line:character` lines
(sorted), so that two servers (Linux, and Windows under Wine) can be compared.

Usage: python3 scripts/lsp-smoke.py PRESET -- SERVER-COMMAND...
"""
import json
import subprocess
import sys


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def main():
    split = sys.argv.index("--")
    preset = sys.argv[1]
    command = sys.argv[split + 1:]
    text = open(preset, encoding="utf-8").read()
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    uri = "file:///work/preset.json"
    for message in [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}},
    ]:
        server.stdin.write(frame(message))
    server.stdin.flush()
    initialized = False
    while True:
        message = read(server.stdout)
        if message.get("id") == 1:
            initialized = "capabilities" in message.get("result", {})
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            break
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.flush()
    server.wait(timeout=60)
    if not initialized:
        raise SystemExit("no initialize result")
    lines = sorted(
        "%s %d:%d" % (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
        for d in message["params"]["diagnostics"]
    )
    print("\n".join(lines))


main()
