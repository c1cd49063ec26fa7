#!/usr/bin/env python3
"""Opens HTML pages in headless Chromium and says what went wrong in each.

Usage: pages.py CHROMIUM PROFILE PAGE...

One browser for all the pages, driven through the DevTools protocol on a pipe
(--remote-debugging-pipe: no port, no network). For each page, after its load
event, one line per problem on stdout:

    PAGE: console: TEXT        an error the page logged (console.error, an
                               uncaught exception)
    PAGE: ressource: TEXT      a resource that did not load (an <img src>, a
                               style sheet...), as the browser's log says it
    PAGE: pas de <main>        the page did not load as a document of ours
    PAGE: pas chargée en N s   no load event in time

then "N pages ouvertes" and exit 0 when there was no problem, 1 otherwise, 2
when the browser could not be driven. Every wait is bounded: the script ends by
itself, and stops the browser it started.
"""
import json
import os
import select
import subprocess
import sys
import time

LOAD_TIMEOUT = 60.0  # seconds for one page under a loaded machine


class Browser:
    def __init__(self, chromium, profile):
        # Chromium reads commands on its fd 3 and writes answers on its fd 4.
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def plumb():
            # Copied away first: a pipe's own number may be 3 or 4. dup2 leaves them inheritable.
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=plumb, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self, deadline):
        """The next message, or None once `deadline` has passed."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("le navigateur s'est arrêté")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        """Sends a command and returns its result; events that come meanwhile are kept."""
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + LOAD_TIMEOUT
        while True:
            message = self.receive(deadline)
            if message is None:
                raise RuntimeError(method + " : pas de réponse du navigateur")
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(method + " : " + json.dumps(message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, deadline):
        """Keeps events until `method` comes (True) or the deadline passes (False)."""
        while True:
            message = self.receive(deadline)
            if message is None:
                return False
            self.events.append(message)
            if message.get("method") == method:
                return True

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


def problems(events):
    """The errors among a page's events, as lines of text."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            words = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            found.append("console: " + " ".join(words))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description", details.get("text", ""))
            found.append("console: " + text.split("\n")[0])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            kind = "ressource" if entry.get("source") == "network" else "console"
            found.append(kind + ": " + entry.get("text", "") + (" " + entry["url"] if entry.get("url") else ""))
    return found


def main(arguments):
    if len(arguments) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    chromium, profile, pages = arguments[0], arguments[1], arguments[2:]
    browser = Browser(chromium, profile)
    failed = False
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.call(domain + ".enable", session=session)
        for page in pages:
            browser.events = []
            url = "file://" + os.path.abspath(page)
            navigation = browser.call("Page.navigate", {"url": url}, session=session)
            if "errorText" in navigation:
                print(page + ": ressource: " + navigation["errorText"])
                failed = True
                continue
            if not browser.wait_for("Page.loadEventFired", time.monotonic() + LOAD_TIMEOUT):
                print(page + ": pas chargée en %d s" % LOAD_TIMEOUT)
                failed = True
                continue
            has_main = browser.call("Runtime.evaluate", {"expression": "document.querySelector('main') !== null"},
                                    session=session)
            # What came after the load event: answered by now, the evaluation is behind it.
            for line in problems(browser.events):
                print(page + ": " + line)
                failed = True
            if has_main.get("result", {}).get("value") is not True:
                print(page + ": pas de <main>")
                failed = True
    except RuntimeError as error:
        print("navigateur : " + str(error))
        return 2
    finally:
        browser.close()
    print("%d pages ouvertes" % len(pages))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
