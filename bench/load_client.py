"""The load generator of bench/load.py, in its own process: threads, one keep-alive
http.client connection each, to a loopback address only; every run is bounded by a number of
requests and a time limit. Reads its job (JSON) from the file given, prints results as JSON.

Jobs: {"kind": "endpoint", ...} (closed loop: `threads` users request one page for `seconds`
or `max_requests`), or {"kind": "burst", ...} (open loop: each (session, obligation) pair
starts at its own time within `window` seconds, opens the report form and sends it)."""

import http.client
import json
import re
import sys
import threading
import time
import urllib.parse

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
TIMEOUT = 60


class Browser:
    """Cookies and one connection to the server, as a user's browser holds them."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, text

    def login(self, username: str, password: str) -> float:
        _, page = self.request("GET", "/tai-khoan/dang-nhap/")
        token = CSRF.search(page).group(1)
        started = time.perf_counter()
        status, _ = self.request(
            "POST", "/tai-khoan/dang-nhap/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )  # fmt: skip
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")
        return time.perf_counter() - started

    def send_report(self, obligation: int) -> tuple[int, float]:
        """Open the report form, then send it (the POST is what is timed)."""
        status, page = self.request("GET", f"/bao-cao/{obligation}/")
        if status != 200:
            return status, 0.0
        token, version = CSRF.search(page), VERSION.search(page)
        form = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "version": version.group(1) if version else "1",
            "narrative": "Đã triển khai đầy đủ các nhiệm vụ được giao trong kỳ.",
            "difficulties": "",
            "recommendations": "",
            "gui": "1",
        }
        started = time.perf_counter()
        status, _ = self.request("POST", f"/bao-cao/{obligation}/luu/", form)
        return status, time.perf_counter() - started


def endpoint(job: dict) -> dict:
    """`threads` users, each logged in once, request `path` until the time or count runs out;
    with `reports`, each request is a report sent through the form instead."""
    port = job["port"]
    latencies, errors, lock, deadline = [], [], threading.Lock(), 0.0
    reports = list(job.get("reports", []))
    budget = [job["max_requests"]]

    def take() -> bool:
        with lock:  # reads `deadline`, set once every user has logged in
            budget[0] -= 1
            return budget[0] >= 0 and time.monotonic() < deadline

    def user(index: int):
        browser = browsers[index]
        while take():
            if job.get("reports") is not None:
                with lock:
                    if not reports:
                        return
                    session, obligation = reports.pop()
                browser.cookies = {"sessionid": session}
                status, elapsed = browser.send_report(obligation)
                ok = status == 302
            elif job.get("path") == "login":
                elapsed, ok = (
                    browser.login(job["users"][index % len(job["users"])], job["password"]),
                    True,
                )
                browser.cookies = {}
            else:
                started = time.perf_counter()
                status, _ = browser.request("GET", job["path"])
                elapsed, ok = time.perf_counter() - started, status == 200
            with lock:
                (latencies if ok else errors).append(elapsed if ok else status)

    browsers = []
    for index in range(job["threads"]):  # log in first: the time limit is for the page
        browser = Browser(port, job["cookies"][index % len(job["cookies"])])
        if job.get("login"):
            browser.login(job["login"][index % len(job["login"])], job["password"])
        browsers.append(browser)
    deadline = time.monotonic() + job["seconds"]
    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(job["threads"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "errors": errors, "elapsed": time.perf_counter() - started}


def burst(job: dict) -> dict:
    """Each pair is sent at its slot in the window (an even arrival rate), as a different
    user, on its own thread and connection: the arrivals do not wait for earlier answers (an
    open loop), so a slow server shows as latency, never as fewer submissions."""
    pairs, port = job["pairs"], job["port"]
    step = job["window"] * job.get("spread", 0.8) / max(len(pairs), 1)
    latencies, errors, lock = [], [], threading.Lock()

    def send(session: str, obligation: int):
        try:
            status, elapsed = Browser(port, {"sessionid": session}).send_report(obligation)
        except OSError as error:
            status, elapsed = str(error), 0.0
        with lock:
            (latencies if status == 302 else errors).append(elapsed if status == 302 else status)

    started = time.perf_counter()
    t0 = time.monotonic()
    threads = []
    for i, (session, obligation) in enumerate(pairs):
        wait = t0 + i * step - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        thread = threading.Thread(target=send, args=(session, obligation))
        thread.start()
        threads.append(thread)
    sent = time.perf_counter() - started
    for t in threads:
        t.join()
    return {
        "latencies": latencies,
        "errors": errors,
        "elapsed": time.perf_counter() - started,
        "sent_in": sent,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    result = endpoint(job) if job["kind"] == "endpoint" else burst(job)
    print(json.dumps(result))
