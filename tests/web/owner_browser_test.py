#!/usr/bin/python3
"""An owner's personal page in a real browser at a phone's size: Debian's chromium through
chromium-driver and selenium, against a real rectifyd on 127.0.0.1 with a real database holding
the demo ledger. The link is read from a message the daemon sent through its log channel; the
owner reports progress, reports an item done with a photo and a PDF, and asks for an extension;
the office closes the item in the console; the owner's notification is in the outbox.

Usage: owner_browser_test.py RECTIFYD RECTIFYCTL ARTIFACT_DIR
Screenshots of each step are written to ARTIFACT_DIR."""

import datetime
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

RECTIFYD, RECTIFYCTL, ARTIFACTS = sys.argv[1:4]
OFFICE, OFFICE_PW = "李婷婷", "office-pass-4k7Qm3xPa"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


work = tempfile.mkdtemp(prefix="owner-browser-")
os.makedirs(ARTIFACTS, exist_ok=True)
port = free_port()
base = "http://127.0.0.1:%d" % port
db_path = os.path.join(work, "rectifyd.db")
messages = os.path.join(work, "messages.jsonl")
cfg = os.path.join(work, "rectifyd.toml")
# Working hours round the clock and today a working day, so what the daemon sends goes at once
# whenever the test runs.
shanghai = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
days = ", ".join((shanghai + datetime.timedelta(days=i)).isoformat() for i in range(2))
with open(cfg, "w") as f:
    f.write('[unit]\nname = "测试单位巡察整改办"\n\n'
            '[calendar]\nextra_workdays = [%s]\n\n'
            '[working_hours]\nstart = "00:00"\nend = "23:59"\ndefer_to = "00:00"\n\n'
            '[[channel]]\nid = "log"\ntype = "log"\npath = "%s"\npersonal = true\n\n'
            '[routing]\npersonal = ["log"]\ngroup = ["log"]\noffice = ["log"]\n\n'
            '[admin]\nlisten = "127.0.0.1:%d"\n\n[web]\npublic_url = "%s"\n\n'
            '[store]\npath = "%s"\n' % (days, messages, port, base, db_path))


def ctl(*args, stdin=None):
    r = subprocess.run([RECTIFYCTL, "--config", cfg] + list(args), input=stdin,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("rectifyctl %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


def query(sql, *args):
    c = sqlite3.connect(db_path)
    try:
        return c.execute(sql, args).fetchall()
    finally:
        c.close()


def sent(pred):
    """The log channel's lines (messages the daemon sent) that pred accepts."""
    if not os.path.exists(messages):
        return []
    with open(messages, encoding="utf-8") as f:
        return [m for m in (json.loads(l) for l in f if l.strip()) if pred(m)]


def wait_for(fn, what, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    check(False, "waited for " + what)
    return None


ctl("import", "demo")
ctl("user", "add", OFFICE, "--role", "office", stdin=OFFICE_PW + "\n")
# The owner with the most open work that is due later (an extension can still be asked).
later = (shanghai + datetime.timedelta(days=1)).isoformat()
owner_id, owner = query(
    "SELECT p.id, p.name FROM measures m JOIN people p ON p.id = m.owner_id "
    "WHERE m.status IN ('open','in_progress') AND m.due > ? GROUP BY p.id "
    "ORDER BY count(*) DESC, p.id LIMIT 1", later)[0]
items = [r[0] for r in query(
    "SELECT id FROM measures WHERE owner_id = ? AND status IN ('open','in_progress') "
    "AND due > ? ORDER BY due, id", owner_id, later)]
check(len(items) >= 3, "%s has three items due later (%d)" % (owner, len(items)))
first, second, third = items[:3]
# The office turns down an extension: the daemon tells the owner, with their link.
ctl("measure", "extend", str(third), (shanghai + datetime.timedelta(days=200)).isoformat(),
    "--reason", "办公室代为登记")
ext_id = query("SELECT id FROM extensions WHERE measure_id = ?", third)[0][0]
ctl("measure", "reject-extension", str(ext_id), "--reason", "请按原时限完成")

# Files the owner uploads: a photo and a PDF.
photo = os.path.join(work, "现场照片.png")
subprocess.run(["/usr/bin/python3", "-c",
                "import zlib,struct,sys\n"
                "def c(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d))\n"
                "raw=b''.join(b'\\x00'+bytes([200,30,30])*64 for _ in range(48))\n"
                "sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n'+c(b'IHDR',struct.pack('>IIBBBBB',64,48,8,2,0,0,0))"
                "+c(b'IDAT',zlib.compress(raw))+c(b'IEND',b''))"],
               stdout=open(photo, "wb"), check=True)
pdf = os.path.join(work, "印发通知.pdf")
with open(pdf, "wb") as f:
    f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

daemon = subprocess.Popen([RECTIFYD, "--config", cfg], stdout=subprocess.DEVNULL,
                          stderr=open(os.path.join(ARTIFACTS, "rectifyd.log"), "w"))
driver = None
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.1)

    notice = wait_for(lambda: sent(lambda m: m["recipient"] == owner and
                                   m["kind"] == "owner_notice"), "the owner's message")
    text = notice[0]["text"] if notice else ""
    check("请按原时限完成" in text, "the message gives the office's reason")
    link = re.search(re.escape(base) + r"/o/[A-Za-z0-9_-]{43}", text)
    check(link is not None, "the message carries the owner's link")
    link = link.group(0) if link else base + "/o/missing"

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--user-data-dir=" + os.path.join(work, "profile")]:
        opts.add_argument(a)
    # A phone: 390 × 844 CSS pixels at 3× (an iPhone 14's screen), a mobile browser's UA.
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0},
        "userAgent": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like "
                     "Gecko) Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.0"})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    wait = WebDriverWait(driver, 20)
    console_errors = []

    def collect(page):
        for e in driver.get_log("browser"):
            if e["level"] == "SEVERE":
                console_errors.append((page, e["message"]))

    def shot(name, full=False):
        path = os.path.join(ARTIFACTS, name + ".png")
        if full:
            h = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(390, min(h, 4000))
        driver.save_screenshot(path)

    def item(mid):
        return driver.find_element(By.ID, "m%d" % mid)

    def open_section(mid, label):
        sec = item(mid)
        for s in sec.find_elements(By.TAG_NAME, "summary"):
            if s.text.startswith(label):
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", s)
                s.click()
                details = s.find_element(By.XPATH, "..")
                WebDriverWait(driver, 5).until(lambda d: details.get_attribute("open") is not None)
                return details
        raise RuntimeError("no section %s on item %d" % (label, mid))

    def submit(button):
        # The answer is a new page: wait for the old one to go before looking for its note,
        # which the page being left may also have.
        page = driver.find_element(By.TAG_NAME, "html")
        button.click()
        wait.until(EC.staleness_of(page))
        wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".note")))

    # The page: the owner's own open items, most urgent first.
    state_before = query("SELECT count(*) FROM audit")[0][0]
    driver.get(link)
    wait.until(EC.visibility_of_element_located((By.TAG_NAME, "header")))
    check(owner in driver.find_element(By.TAG_NAME, "h1").text, "the page is the owner's")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, "the page fits the phone's width (%d px)" % width)
    shown = [int(e.get_attribute("id")[1:]) for e in
             driver.find_elements(By.CSS_SELECTOR, "section.item")]
    mine = {r[0] for r in query("SELECT id FROM measures WHERE owner_id = ? AND status IN "
                                "('open','in_progress','done_reported')", owner_id)}
    check(set(shown) == mine, "the page lists exactly the owner's open items (%d)" % len(shown))
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 0, "the page has no script")
    shot("01-owner-page")
    driver.refresh()
    check(query("SELECT count(*) FROM audit")[0][0] == state_before, "opening the page twice changes nothing")
    collect("page")

    # 报告进度.
    sec = open_section(first, "报告进度")
    p = sec.find_element(By.NAME, "progress")
    p.clear()
    p.send_keys("60")
    sec.find_element(By.NAME, "note").send_keys("制度初稿已完成，正在征求意见")
    shot("02-progress-form")
    submit(sec.find_element(By.CSS_SELECTOR, "form[action$=progress] button"))
    check("进度已提交" in driver.find_element(By.CSS_SELECTOR, ".note").text, "progress is confirmed")
    check(query("SELECT progress FROM measures WHERE id = ?", first)[0][0] == 60,
          "the ledger has the progress")
    actor = query("SELECT actor FROM audit WHERE action = 'measure.progress' ORDER BY id DESC")[0][0]
    check(actor == owner + "（个人链接）", "the audit log names the owner through their link: " + actor)
    shot("03-progress-done")
    collect("progress")

    # 报告已完成 with a photo and a PDF.
    sec = open_section(second, "报告已完成")
    sec.find_element(By.NAME, "evidence").send_keys("整改已完成：制度已印发，现场已整改，见照片和通知")
    sec.find_element(By.NAME, "files").send_keys(photo + "\n" + pdf)
    shot("04-done-form")
    submit(sec.find_element(By.CSS_SELECTOR, "form[action$=done] button"))
    check("已报告完成" in driver.find_element(By.CSS_SELECTOR, ".note").text, "done is confirmed")
    files = query("SELECT original_name, media_type, sha256 FROM evidence_files WHERE measure_id = ?",
                  second)
    check(sorted((n, t) for n, t, _ in files) ==
          [("印发通知.pdf", "application/pdf"), ("现场照片.png", "image/png")],
          "both files are kept with their names and types: %s" % files)
    for _, _, h in files:
        check(os.path.exists(os.path.join(work, "evidence", h)), "the file is stored as " + h[:12])
    check(query("SELECT status FROM measures WHERE id = ?", second)[0][0] == "done_reported",
          "reported done waits for the office")
    sec = open_section(second, "历史记录")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", sec)
    check("现场照片.png" in sec.text and "印发通知.pdf" in sec.text, "the history lists the files")
    shot("05-done-reported")
    collect("done")

    # 申请延期.
    sec = open_section(first, "申请延期")
    new_due = (shanghai + datetime.timedelta(days=120)).isoformat()
    driver.execute_script("arguments[0].value = arguments[1]", sec.find_element(By.NAME, "new_due"),
                          new_due)
    sec.find_element(By.NAME, "reason").send_keys("需等待上级部门批复后方可印发")
    shot("06-extension-form")
    submit(sec.find_element(By.CSS_SELECTOR, "form[action$=extension] button"))
    check("延期申请已提交" in driver.find_element(By.CSS_SELECTOR, ".note").text,
          "the extension request is confirmed")
    check(query("SELECT state FROM extensions WHERE measure_id = ? ORDER BY id DESC", first)[0][0]
          == "pending", "the request waits for the office")
    check("已申请延期至 " + new_due in item(first).text, "the page shows the pending request")
    shot("07-extension-requested")
    collect("extension")

    # The office closes the reported item in the console.
    driver.set_window_size(1280, 900)
    driver.get(base + "/#/login")
    wait.until(EC.visibility_of_element_located((By.ID, "login-name")))
    driver.find_element(By.ID, "login-name").send_keys(OFFICE)
    driver.find_element(By.ID, "login-password").send_keys(OFFICE_PW)
    driver.find_element(By.ID, "login-submit").click()
    wait.until(EC.visibility_of_element_located((By.ID, "fig-measures")))
    driver.get(base + "/#/review")
    card = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, ".card[data-id='%d']" % second)))
    check("制度已印发" in card.text, "the review queue shows the owner's evidence")
    shot("08-console-review")
    card.find_element(By.CSS_SELECTOR, "[data-action=close]").click()
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(query("SELECT status FROM measures WHERE id = ?", second)[0][0] == "closed",
          "the office closed the item")
    collect("console")

    # The console lists the files; they download with their names, never as a page.
    driver.get(base + "/#/measure/%d" % second)
    ev = wait.until(EC.visibility_of_element_located((By.ID, "evidence-files")))
    check("现场照片.png" in ev.text and "印发通知.pdf" in ev.text, "the console lists the evidence files")
    href = ev.find_element(By.TAG_NAME, "a").get_attribute("href")
    got = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(async (r) => done("
        "[r.status, r.headers.get('content-type'), r.headers.get('content-disposition'),"
        " (await r.arrayBuffer()).byteLength]));", href)
    check(got[0] == 200 and got[1] == "application/octet-stream" and "attachment" in got[2] and
          got[3] in (os.path.getsize(photo), os.path.getsize(pdf)),
          "a file downloads as an attachment with its bytes: %s" % got)
    shot("08b-console-evidence")
    collect("console-measure")

    # The owner is told, through their personal channel.
    closed = wait_for(lambda: [r for r in query(
        "SELECT subject, payload, channel FROM outbox WHERE kind = 'owner_notice' AND "
        "recipient = ? AND subject LIKE '【已销号】%%'", owner)], "the owner's notification")
    check(bool(closed), "the owner's notification of the close is in the outbox")
    if closed:
        body = json.loads(closed[0][1])["text"]
        check(link in body, "the notification carries the same link")
    delivered = wait_for(lambda: sent(lambda m: m["recipient"] == owner and
                                      m["subject"].startswith("【已销号】")), "its delivery")
    check(bool(delivered), "the daemon sent it through the log channel")

    # Back on the phone: the closed item has left the page.
    driver.set_window_size(390, 844)
    driver.get(link)
    wait.until(EC.visibility_of_element_located((By.TAG_NAME, "header")))
    check(len(driver.find_elements(By.ID, "m%d" % second)) == 0, "the closed item left the page")
    shot("09-after-close")
    collect("after")

    # A wrong link: the plain page.
    driver.get(base + "/o/" + "A" * 43)
    check("此链接已失效或不存在" in driver.find_element(By.TAG_NAME, "main").text,
          "a wrong link gets the plain page")
    shot("10-invalid-link")
    collect("invalid", )
    console_errors = [e for e in console_errors if "/o/AAAA" not in e[1]]
    check(console_errors == [], "no errors in the browser console: %s" % console_errors)
finally:
    if driver:
        driver.quit()
    daemon.terminate()
    daemon.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
