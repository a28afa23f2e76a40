"""A local feed server on 127.0.0.1 serving good and bad feeds, as component sites might."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

GOOD_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>PBGDPL huyện Cẩm Xuyên</title><link>https://camxuyen.example.vn</link>
<item><title>Tuyên truyền &lt;b&gt;Luật Hòa giải&lt;/b&gt; ở cơ sở</title><link>https://camxuyen.example.vn/tin/1</link>
<guid>cx-1</guid><pubDate>Tue, 17 Nov 2026 08:00:00 +0700</pubDate>
<description>&lt;p&gt;Nội dung&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</description></item>
<item><title>Tin có liên kết độc</title><link>javascript:alert(3)</link><guid>cx-2</guid>
<pubDate>Mon, 16 Nov 2026 08:00:00 +0700</pubDate></item>
</channel></rss>"""


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body, content_type="application/rss+xml; charset=utf-8", length=None):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the aggregator hung up on purpose (too large, too slow)
            pass

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/good":
            self._send(GOOD_RSS.encode())
        elif self.path == "/slow":
            time.sleep(3)
            self._send(GOOD_RSS.encode())
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<!-- -->")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif self.path == "/malformed":
            self._send(b"<html><body>Trang \xff\xfe l\xe1\xbb\x97i <rss <<<")
        elif self.path == "/huge":
            self._send(b"<rss>" + b"x" * (3 * 1024 * 1024) + b"</rss>")
        elif self.path == "/huge-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(48):
                    self.wfile.write(b"<!--" + b"y" * 65536 + b"-->")
            except OSError:
                pass
        elif self.path == "/error":
            self.send_response(500)
            self.end_headers()
        elif self.path == "/redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
