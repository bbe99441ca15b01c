"""A minimal Language Server Protocol client over stdio, enough to ask yaml-language-server
for completions and diagnostics as an editor does."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[2]
SERVER = "tests/editor/node_modules/yaml-language-server/bin/yaml-language-server"
SETTINGS = {
    "yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
}
WAIT = 120  # seconds; only a guard against a server that never answers


class LanguageServer:
    """yaml-language-server as a child process; `request` and `notify` speak JSON-RPC."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(REPO / SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        assert self.process.stdout is not None
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["plaintext"]}},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self._until(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def _until(self, wanted: Any) -> dict[str, Any]:
        """Handle messages from the server until one is `wanted`; answer its requests."""
        while True:
            message = self.messages.get(timeout=WAIT)
            method = message.get("method")
            if method == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif method is not None and "id" in message:  # a request to the client
                items = message.get("params", {}).get("items", [])
                asks_settings = method == "workspace/configuration"
                result = [SETTINGS["yaml"] for _ in items] if asks_settings else None
                self._send({"id": message["id"], "result": result})
            if wanted(message):
                return message

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        text = path.read_text(encoding="utf-8")
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return uri

    def diagnostics_of(self, uri: str) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for `uri` (waiting for them)."""
        if uri not in self.diagnostics:
            self._until(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                )
            )
        return self.diagnostics[uri]

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        position = {"line": line, "character": character}
        result = self.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": position}
        )
        return result["items"] if isinstance(result, dict) else result

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.reader.join(timeout=WAIT)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
