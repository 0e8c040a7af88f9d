#!/usr/bin/python3
"""The console in a real browser: Debian's chromium through chromium-driver and selenium,
against a real rectifyd on 127.0.0.1 with a real database holding the demo ledger.

Usage: console_browser_test.py RECTIFYD RECTIFYCTL ARTIFACT_DIR
Screenshots of each page are written to ARTIFACT_DIR."""

import datetime
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

RECTIFYD, RECTIFYCTL, ARTIFACTS = sys.argv[1:4]
OFFICE, VIEWER = "李婷婷", "周明远"
OFFICE_PW, VIEWER_PW = "office-pass-4k7Qm3xPa", "viewer-pass-9Lr2Wd5Tz"

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


class Hook(http.server.BaseHTTPRequestHandler):
    """The group's webhook receiver: refuses every message (HTTP 400, a permanent failure, so
    the row goes dead at once) until `accept` is set."""
    accept = False
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Hook.received.append(body)
        self.send_response(200 if Hook.accept else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=hook.serve_forever, daemon=True).start()

work = tempfile.mkdtemp(prefix="console-browser-")
os.makedirs(ARTIFACTS, exist_ok=True)
port = free_port()
base = "http://127.0.0.1:%d" % port
cfg = os.path.join(work, "rectifyd.toml")
with open(cfg, "w") as f:
    f.write('[unit]\nname = "测试单位"\n\n[[channel]]\nid = "log"\ntype = "log"\npath = "%s"\n\n'
            '[[channel]]\nid = "hook"\ntype = "generic"\nurl = "http://127.0.0.1:%d/hook"\n'
            'secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"\n\n'
            '[routing]\npersonal = ["log"]\ngroup = ["log", "hook"]\noffice = ["log"]\n\n'
            '[admin]\nlisten = "127.0.0.1:%d"\n\n[store]\npath = "%s"\n'
            % (os.path.join(work, "messages.jsonl"), hook.server_address[1], port,
               os.path.join(work, "rectifyd.db")))


def ctl(*args, stdin=None):
    r = subprocess.run([RECTIFYCTL, "--config", cfg] + list(args), input=stdin,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("rectifyctl %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


ctl("import", "demo")
pwfile = os.path.join(work, "office.pw")
with open(pwfile, "w") as f:
    f.write(OFFICE_PW + "\n")
ctl("user", "add", OFFICE, "--role", "office", "--password-file", pwfile)
ctl("user", "add", VIEWER, "--role", "viewer", stdin=VIEWER_PW + "\n")
stats = json.loads(ctl("stats", "--json"))

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

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--window-size=1366,768", "--user-data-dir=" + os.path.join(work, "profile")]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    # The page itself is 1366×768, the size offices' screens have: the window is grown by
    # what the browser's own frame takes.
    driver.get(base + "/#/login")
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(1366 + 1366 - inner[0], 768 + 768 - inner[1])
    wait = WebDriverWait(driver, 20)
    console_errors = []

    def collect(page, allowed=()):
        for e in driver.get_log("browser"):
            if e["level"] != "SEVERE":
                continue
            if any(a in e["message"] for a in allowed):
                continue
            console_errors.append((page, e["message"]))

    def press(e):
        # Scrolled there at once first: Bootstrap scrolls smoothly, and a click during the
        # animation lands where the element is not yet.
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e)
        e.click()

    def shot(name):
        driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))

    def login(name, password):
        driver.get(base + "/#/login")
        wait.until(EC.visibility_of_element_located((By.ID, "login-name")))
        for field, text in (("login-name", name), ("login-password", password)):
            e = driver.find_element(By.ID, field)
            e.clear()
            e.send_keys(text)
        driver.find_element(By.ID, "login-submit").click()

    def logout():
        driver.find_element(By.ID, "logout").click()
        wait.until(EC.visibility_of_element_located((By.ID, "login-name")))

    # 登录: a wrong password is refused.
    login(OFFICE, "not-the-password")
    refused = wait.until(EC.visibility_of_element_located((By.ID, "login-refused")))
    check("账号或密码不正确" in refused.text, "a wrong password is refused: " + refused.text)
    shot("01-login-refused")
    collect("login", allowed=["/api/v1/session"])

    # 总览 shows the counts of rectifyctl stats.
    login(OFFICE, OFFICE_PW)
    wait.until(EC.visibility_of_element_located((By.ID, "fig-measures")))
    fig = lambda i: driver.find_element(By.ID, i).text
    check(fig("fig-measures") == str(stats["measures"]), "overview measures = stats")
    check(fig("fig-closed") == str(stats["closed"]), "overview closed = stats")
    check(fig("fig-open") == str(stats["open"]), "overview open = stats")
    check(fig("fig-overdue") == str(stats["overdue"]), "overview overdue = stats")
    check(fig("fig-done-reported") == str(stats["done_reported"]), "overview done reported = stats")
    rate = "%.1f%%" % (round(stats["completion_rate"] * 1000) / 10)
    check(fig("fig-rate") == rate, "overview 办结率 %s = stats %s" % (fig("fig-rate"), rate))
    red_count = int(driver.find_element(By.CSS_SELECTOR, "#count-red strong").text)
    check(red_count > 0, "the demo ledger has red items")
    lights = [int(driver.find_element(By.CSS_SELECTOR, "#count-%s strong" % c).text)
              for c in ("red", "yellow", "green")]
    check(sum(lights) == stats["measures"], "red, yellow and green add up to every measure: %s" % lights)
    # The next meeting's agenda, made when it is opened.
    driver.find_element(By.CSS_SELECTOR, "#next-agenda summary").click()
    agenda = wait.until(EC.visibility_of_element_located((By.ID, "next-agenda-text")))
    check(agenda.tag_name == "pre" and len(agenda.text) > 20,
          "the next meeting's agenda is previewed: %s" % agenda.text[:80])
    shot("02-overview")
    collect("overview")

    # 台账 filtered to red items.
    driver.get(base + "/#/ledger")
    wait.until(EC.visibility_of_element_located((By.ID, "ledger")))
    shot("03-ledger")
    Select(driver.find_element(By.ID, "f-colour")).select_by_value("red")
    driver.find_element(By.ID, "f-submit").click()
    wait.until(lambda d: "colour=red" in d.current_url and
               d.find_element(By.ID, "ledger-total").text == "共 %d 项" % red_count)
    lights = [e.get_attribute("data-colour") for e in
              driver.find_elements(By.CSS_SELECTOR, "#ledger tbody tr [data-colour]")]
    check(len(lights) == min(red_count, 20) and set(lights) == {"red"},
          "the ledger filtered to red shows only red items (%d)" % len(lights))
    shot("04-ledger-red")
    collect("ledger")

    # 措施: open a red one that may be reported done.
    target = None
    for row in driver.find_elements(By.CSS_SELECTOR, "#ledger tbody tr"):
        if row.get_attribute("data-status") in ("open", "in_progress"):
            target = row.get_attribute("data-id")
            break
    check(target is not None, "a red item is open work")
    driver.get(base + "/#/measure/" + target)
    wait.until(EC.visibility_of_element_located((By.ID, "actions")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "[data-form=done]")) == 1,
          "an open measure offers 报完成")
    check(len(driver.find_elements(By.CSS_SELECTOR, "[data-form=close]")) == 0,
          "an open measure does not offer 销号")
    # A refused form keeps what was typed and shows the error at its field.
    pinput = driver.find_element(By.ID, "a-progress-progress")
    pinput.send_keys("150")
    driver.find_element(By.ID, "a-progress-note").send_keys("已完成大半")
    driver.find_element(By.CSS_SELECTOR, "[data-action=progress]").click()
    err = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-error=progress]")))
    check("is-invalid" in pinput.get_attribute("class") and err.text != "",
          "a progress of 150 is refused at its field: " + err.text)
    check(pinput.get_attribute("value") == "150" and
          driver.find_element(By.ID, "a-progress-note").get_attribute("value") == "已完成大半",
          "the refused form keeps what was typed")
    shot("05-measure-refused")
    # Chromium logs the refused request (422) itself; that one is expected.
    collect("measure", allowed=["/progress"])
    driver.find_element(By.ID, "a-done-evidence").send_keys("制度文件已印发，见办公室存档第 12 号")
    driver.find_element(By.CSS_SELECTOR, "[data-action=done]").click()
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "[data-form=close]")) == 1,
          "a reported done offers 销号")
    shot("06-measure-done")
    collect("measure")

    # 销号审核: close it.
    driver.get(base + "/#/review")
    card = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, ".card[data-id='%s']" % target)))
    check("制度文件已印发" in card.text, "the review queue shows the evidence")
    shot("07-review")
    card.find_element(By.CSS_SELECTOR, "[data-action=close]").click()
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".card[data-id='%s']" % target)) == 0,
          "the closed item left the review queue")
    collect("review")

    # The audit row names the person.
    driver.get(base + "/#/measure/" + target)
    row = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "#audit tr[data-action='measure.close']")))
    check(OFFICE in row.text, "the audit row of the close names " + OFFICE)
    shot("08-measure-closed")
    after = json.loads(ctl("stats", "--json"))
    check(after["closed"] == stats["closed"] + 1, "rectifyctl stats counts one more closed")
    collect("measure")

    # 延期: an extension requested for an open green item is approved on its measure page; the
    # new due date is shown and the audit row names the office.
    ext_target = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "RC.api('GET', '/measures?status=open,in_progress&colour=green&limit=1000').then((r) => {"
        " const m = r.data.items.find((x) => x.due);"
        " const d = new Date(m.due + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 14);"
        " const due = d.toISOString().slice(0, 10);"
        " RC.api('POST', '/measures/' + m.id + '/extend', {due, reason: '需等待上级批复'})"
        "  .then((e) => done([m.id, due, e.status]));});")
    check(ext_target[2] == 201, "an extension is requested (%s)" % ext_target[2])
    driver.get(base + "/#/measure/%s" % ext_target[0])
    approve = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "tr[data-state=pending] [data-action=extension-approve]")))
    shot("19-measure-extension")
    press(approve)
    done = wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check("批准延期" in done.text, "the approval says what was done: " + done.text)
    check(len(driver.find_elements(By.CSS_SELECTOR, "tr[data-state=approved]")) == 1 and
          len(driver.find_elements(By.CSS_SELECTOR, "[data-action=extension-approve]")) == 0,
          "the extension shows as approved, with no buttons left")
    due_text = driver.find_element(By.CSS_SELECTOR, "[data-field='期限']").text
    check(due_text.startswith(ext_target[1]) and "原定" in due_text,
          "the measure's due date is the approved one: " + due_text)
    approvals = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "RC.api('GET', '/audit?action=extension.approve').then((r) => done(r.data.items.map((a) => a.actor)));")
    check(approvals == [OFFICE], "the approval is audited in the name of %s: %s" % (OFFICE, approvals))
    # The owner is told of the decision: the notice is among the messages about the measure.
    def told(d):
        d.get(base + "/#/measure/%s?t=%f" % (ext_target[0], time.time()))
        WebDriverWait(d, 10).until(EC.visibility_of_element_located((By.ID, "messages-about")))
        return [r.text for r in d.find_elements(By.CSS_SELECTOR, "#measure-messages tbody tr")]
    try:
        WebDriverWait(driver, 30, poll_frequency=0.5).until(lambda d: any("延期已批准" in t for t in told(d)))
    except TimeoutException:
        pass
    check(any("延期已批准" in t and "log" in t for t in told(driver)),
          "the measure lists the notice to its owner, with its channel: %s" % told(driver))
    shot("20-measure-extension-approved")
    collect("extension")

    # 会议: move the next meeting to the following day at 10:00; its time and its notice's
    # agenda say the new date.
    driver.get(base + "/#/meetings")
    card = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, ".card[data-status=regular], .card[data-status=moved]")))
    day = card.get_attribute("data-day")
    had_notice = len(card.find_elements(By.CSS_SELECTOR, "[data-notice]")) == 1
    shot("11-meetings")
    new_day = datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
    moved_to = "%d月%d日" % (new_day.month, new_day.day)
    check(moved_to not in card.find_element(By.CSS_SELECTOR, "[data-field=time]").text,
          "the meeting of %s is not on %s yet" % (day, moved_to))
    card.find_element(By.CSS_SELECTOR, "[data-actions] summary").click()
    driver.execute_script("arguments[0].value = arguments[1]",
                          driver.find_element(By.ID, "move-%s-to" % day),
                          new_day.isoformat() + "T10:00")
    driver.find_element(By.ID, "move-%s-note" % day).send_keys("与全区会议冲突")
    driver.find_element(By.ID, "move-%s-submit" % day).click()
    done = wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(done.text != "", "the move says what was done: " + done.text)
    moved = [c for c in driver.find_elements(By.CSS_SELECTOR, ".card[data-status=moved]")
             if moved_to in c.find_element(By.CSS_SELECTOR, "[data-field=time]").text]
    check(len(moved) == 1 and "与全区会议冲突" in moved[0].text,
          "the meeting shows as moved to %s with its note" % moved_to)
    if had_notice and moved:
        notice = moved[0].find_element(By.CSS_SELECTOR, "[data-notice] pre")
        text = driver.execute_script("return arguments[0].textContent", notice)
        check(moved_to in text, "the notice's agenda says %s: %s" % (moved_to, text[:60]))
    shot("12-meetings-moved")
    collect("meetings")

    # 消息: the notices sent now for two meetings go dead at the refusing webhook; one is
    # dropped, the other sent again once the receiver accepts, and is delivered.
    driver.get(base + "/#/messages")
    total = wait.until(EC.visibility_of_element_located((By.ID, "timeline-total")))
    check("将发出" in total.text and len(driver.find_elements(By.CSS_SELECTOR, "#timeline tbody tr")) > 0,
          "the timeline lists what will be sent: " + total.text)
    shot("13-messages-timeline")
    collect("messages")
    driver.get(base + "/#/meetings")
    days = [c.get_attribute("data-day") for c in wait.until(lambda d: d.find_elements(
        By.CSS_SELECTOR, ".card[data-status=regular], .card[data-status=moved]"))][:2]
    for d in days:
        driver.get(base + "/#/meetings?t=" + d)
        c = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".card[data-day='%s']" % d)))
        c.find_element(By.CSS_SELECTOR, "[data-actions] summary").click()
        driver.find_element(By.ID, "notice-%s-submit" % d).click()
        wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    collect("meetings")

    def dead_rows(d):
        d.get(base + "/#/messages?view=dead&t=%f" % time.time())
        WebDriverWait(d, 10).until(EC.visibility_of_element_located((By.ID, "outbox-total")))
        return d.find_elements(By.CSS_SELECTOR, "#dead tbody tr")
    WebDriverWait(driver, 60, poll_frequency=0.5).until(lambda d: len(dead_rows(d)) >= 2)
    rows = driver.find_elements(By.CSS_SELECTOR, "#dead tbody tr")
    check(all("HTTP 400" in r.find_element(By.CSS_SELECTOR, "[data-field=error]").text for r in rows),
          "each dead letter shows its error (HTTP 400)")
    shot("14-messages-dead")
    dropped, retried = rows[0].get_attribute("data-id"), rows[1].get_attribute("data-id")
    rows[0].find_element(By.CSS_SELECTOR, "[data-action=drop]").click()
    rows[0].find_element(By.CSS_SELECTOR, "[data-action=drop-confirm]").click()
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    ids = [r.get_attribute("data-id") for r in driver.find_elements(By.CSS_SELECTOR, "#dead tbody tr")]
    check(dropped not in ids and retried in ids, "the dropped dead letter is gone, the other stays")
    Hook.accept = True
    driver.find_element(By.CSS_SELECTOR, "#dead tr[data-id='%s'] [data-action=retry]" % retried).click()
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))

    def sent(d):
        d.get(base + "/#/messages?view=outbox&state=sent&t=%f" % time.time())
        WebDriverWait(d, 10).until(EC.visibility_of_element_located((By.ID, "outbox-total")))
        return d.find_elements(By.CSS_SELECTOR, "#outbox tr[data-id='%s']" % retried)
    try:
        WebDriverWait(driver, 60, poll_frequency=0.5).until(lambda d: len(sent(d)) == 1)
    except TimeoutException:
        pass
    check(len(sent(driver)) == 1, "the dead letter sent again is delivered")
    shot("15-messages-outbox")
    collect("messages")

    # 人员: a bad e-mail address is refused at its field and adds no one; the person is added,
    # made a leader with a WeCom id, and deactivated.
    driver.get(base + "/#/people")
    total = wait.until(EC.visibility_of_element_located((By.ID, "people-total"))).text
    shot("16-people")
    press(driver.find_element(By.CSS_SELECTOR, "#add-person summary"))
    driver.find_element(By.ID, "new-person-name").send_keys("钱志远")
    driver.find_element(By.ID, "new-person-department").send_keys("财务科")
    driver.find_element(By.ID, "new-person-email").send_keys("qian-at-example")
    press(driver.find_element(By.ID, "new-person-role-owner"))
    press(driver.find_element(By.ID, "new-person-submit"))
    err = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#new-person-form [data-error=email]")))
    check("邮箱地址" in err.text, "a bad e-mail address is refused at its field: " + err.text)
    check(len(driver.find_elements(By.CSS_SELECTOR, "#people tr[data-name='钱志远']")) == 0,
          "the refused person is not added")
    collect("people", allowed=["/api/v1/people"])
    e = driver.find_element(By.ID, "new-person-email")
    e.clear()
    e.send_keys("qian@example.org")
    press(driver.find_element(By.ID, "new-person-submit"))
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    row = driver.find_element(By.CSS_SELECTOR, "#people tr[data-name='钱志远']")
    pid = row.get_attribute("data-id")
    check("qian@example.org" in row.find_element(By.CSS_SELECTOR, "[data-field=channels]").text,
          "the added person shows their e-mail")
    press(row.find_element(By.CSS_SELECTOR, "[data-action=edit]"))
    press(driver.find_element(By.ID, "p%s-role-leader" % pid))
    driver.find_element(By.ID, "p%s-wecom_id" % pid).send_keys("qianzy")
    press(driver.find_element(By.ID, "p%s-submit" % pid))
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    row = driver.find_element(By.CSS_SELECTOR, "#people tr[data-id='%s']" % pid)
    check(row.find_element(By.CSS_SELECTOR, "[data-field=roles]").text == "责任人、责任领导" and
          "企业微信 qianzy" in row.text, "the edit shows the new role and channel: " + row.text)
    press(row.find_element(By.CSS_SELECTOR, "[data-action=deactivate]"))
    wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#people tr[data-id='%s']" % pid)) == 0,
          "a deactivated person leaves the list of people in office")
    driver.get(base + "/#/people?all=true")
    row = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#people tr[data-id='%s']" % pid)))
    check("已停用" in row.text, "with the inactive shown, they are marked 已停用")
    collect("people")

    # 审计日志: filtered by who and what, the three changes to people just made, each with its
    # person's name; a day after today has none of them.
    driver.get(base + "/#/audit")
    wait.until(EC.visibility_of_element_located((By.ID, "audit-log")))
    shot("17-audit")
    driver.find_element(By.ID, "f-actor").send_keys(OFFICE)
    Select(driver.find_element(By.ID, "f-action")).select_by_value("person")
    press(driver.find_element(By.ID, "audit-submit"))
    wait.until(lambda d: "action=person" in d.current_url and
               d.find_element(By.ID, "audit-total").text == "共 3 条")
    actions = [r.get_attribute("data-action") for r in
               driver.find_elements(By.CSS_SELECTOR, "#audit-log tbody tr")]
    check(actions == ["person.deactivate", "person.update", "person.add"],
          "the office's changes to people, newest first: %s" % actions)
    rows = driver.find_elements(By.CSS_SELECTOR, "#audit-log tbody tr")
    check(all(OFFICE in r.text and "person:%s" % pid in r.text for r in rows),
          "each row names who acted and the person changed")
    check("wecom_id：（空） → qianzy" in rows[1].text,
          "the edit's row shows what it changed: " + rows[1].text)
    shot("18-audit-filtered")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    driver.get(base + "/#/audit?actor=%s&action=person&from=%s" % (OFFICE, tomorrow))
    wait.until(lambda d: d.find_element(By.ID, "audit-total").text == "共 0 条")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#audit-log tbody tr")) == 0,
          "from a later day, no entries")
    collect("audit")

    # 设置: secrets only as 已设置; an edit with an error is shown at its line and changes
    # nothing; a good edit is saved with the hidden secret kept, and is in force.
    with open(cfg) as f:
        cfg_before = f.read()
    driver.get(base + "/#/settings")
    area = wait.until(EC.visibility_of_element_located((By.ID, "config-text")))
    check("whsec_" not in driver.page_source and "whsec_" not in area.get_attribute("value"),
          "the settings page shows no secret")
    check(len(driver.find_elements(By.CSS_SELECTOR,
                                   "tr[data-key='channel.hook.secret'] [data-secret=set]")) == 1,
          "the hook's signing secret is shown as 已设置")
    shot("21-settings")
    text = area.get_attribute("value")
    lines = text.split("\n")
    unit_line = lines.index('name = "测试单位"') + 1
    bad = text.replace('name = "测试单位"', 'name = "测试单位"\ntime_zone = "Mars/Olympus"', 1)
    driver.execute_script("arguments[0].value = arguments[1];"
                          "arguments[0].dispatchEvent(new Event('input'))", area, bad)
    press(driver.find_element(By.ID, "config-save"))
    errors = wait.until(EC.visibility_of_element_located((By.ID, "config-errors")))
    err_line = unit_line + 1
    check(len(errors.find_elements(By.CSS_SELECTOR, "li[data-line='%d']" % err_line)) == 1 and
          "第 %d 行" % err_line in errors.text,
          "the error is shown at line %d: %s" % (err_line, errors.text))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".config-gutter .error-line[data-line='%d']" % err_line)) == 1 and
          len(driver.find_elements(By.CSS_SELECTOR, ".config-band[data-line='%d']" % err_line)) == 1,
          "the line with the error is marked")
    check(area.get_attribute("value") == bad, "what was typed is kept")
    with open(cfg) as f:
        check(f.read() == cfg_before, "the refused edit leaves the file as it was")
    zone = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "RC.api('GET', '/config').then((r) => done(r.data.settings.unit.time_zone));")
    check(zone == "Asia/Shanghai", "the configuration in force is unchanged (%s)" % zone)
    driver.execute_script("arguments[0].scrollIntoView({block: 'end', behavior: 'instant'})", errors)
    shot("22-settings-error")
    collect("settings", allowed=["/config/validate"])
    good = text.replace('name = "测试单位"', 'name = "测试单位办公室"', 1)
    driver.execute_script("arguments[0].value = arguments[1];"
                          "arguments[0].dispatchEvent(new Event('input'))", area, good)
    press(driver.find_element(By.ID, "config-save"))
    done = wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check("已保存并生效" in done.text, "the good edit is saved: " + done.text)
    with open(cfg) as f:
        saved = f.read()
    check("测试单位办公室" in saved and "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" in saved,
          "the file has the edit and keeps the secret it did not show")
    check(driver.find_element(By.CSS_SELECTOR, "tr[data-key='unit.name'] .config-value").text ==
          "测试单位办公室", "the new unit name is in force")
    collect("settings")

    # 日历: the year's month grid with the National Day holiday and its makeup day marked; a
    # malformed schedule is refused with its place; a new year is imported.
    driver.get(base + "/#/calendar?year=2026")
    wait.until(EC.visibility_of_element_located((By.ID, "calendar")))
    check(driver.find_element(By.CSS_SELECTOR, "[data-date='2026-10-01']").get_attribute("data-kind") == "holiday" and
          driver.find_element(By.CSS_SELECTOR, "[data-date='2026-10-10']").get_attribute("data-kind") == "makeup",
          "2026-10-01 is marked a holiday and 2026-10-10 a makeup working day")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#calendar [data-month]")) == 12,
          "twelve months are shown")
    shot("23-calendar")
    collect("calendar")
    year = datetime.date.today().year + 5
    bad_file = os.path.join(work, "bad-%d.json" % year)
    with open(bad_file, "w") as f:
        f.write('{"year": %d, "papers": [], "days": [{"name": "元旦", "date": "%d-02-30", "isOffDay": true}]}' % (year, year))
    good_file = os.path.join(work, "%d.json" % year)
    with open(good_file, "w") as f:
        f.write('{"year": %d, "papers": [], "days": [{"name": "元旦", "date": "%d-01-01", "isOffDay": true}]}' % (year, year))
    driver.find_element(By.ID, "calendar-file").send_keys(bad_file)
    press(driver.find_element(By.ID, "calendar-import"))
    err = wait.until(EC.visibility_of_element_located((By.ID, "calendar-import-error")))
    check("bad-%d.json" % year in err.text, "a malformed schedule is refused naming its file: " + err.text)
    collect("calendar", allowed=["/calendar/import"])
    driver.get(base + "/#/calendar?year=%d" % year)
    src = wait.until(EC.visibility_of_element_located((By.ID, "calendar-source")))
    check("未收录" in src.text, "the refused year was not imported")
    driver.find_element(By.ID, "calendar-file").send_keys(good_file)
    press(driver.find_element(By.ID, "calendar-import"))
    done = wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check("已导入 %d 年" % year in done.text, "the new year is imported: " + done.text)
    check(driver.find_element(By.ID, "calendar-source").text == "导入" and
          driver.find_element(By.CSS_SELECTOR, "[data-date='%d-01-01']" % year).get_attribute("data-kind") == "holiday",
          "the imported year shows its holiday")
    shot("24-calendar-imported")
    collect("calendar")

    # 总览's trend: today's point at least, drawn by Chart.js.
    driver.get(base + "/#/overview")
    wait.until(lambda d: d.find_element(By.ID, "trend").get_attribute("data-points") is not None)
    drawn = driver.execute_script("const c = Chart.getChart('trend-chart'); return c ? c.data.datasets[0].data : null")
    check(drawn is not None and len(drawn) >= 1 and
          abs(drawn[-1] - round(after["completion_rate"] * 1000) / 10) < 0.05,
          "the trend chart ends at today's 办结率: %s" % drawn)
    driver.execute_script("document.getElementById('trend').scrollIntoView({block: 'start', behavior: 'instant'})")
    shot("25-overview-trend")
    # The rates per category and per leader add up to the ledger's.
    cats = driver.find_elements(By.CSS_SELECTOR, "#by-category tbody tr")
    check(len(cats) == after["categories"] and
          sum(int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in cats) == after["measures"],
          "分类办结情况 has every category and every measure")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#by-leader tbody tr")) >= 1 and
          driver.find_element(By.ID, "fig-on-time").text.endswith("%"),
          "责任领导办结情况 and 按期办结率 are shown")
    driver.execute_script("document.getElementById('by-category').scrollIntoView({block: 'start', behavior: 'instant'})")
    shot("29-overview-rates")
    collect("overview")

    # 材料下载: each paper comes down with the session, as the file it says it is.
    driver.get(base + "/#/papers")
    wait.until(EC.visibility_of_element_located((By.ID, "paper-xlsx")))
    got = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const ids = ['paper-xlsx', 'paper-csv', 'paper-weekly-docx', 'paper-weekly-html'];"
        "Promise.all(ids.map((id) => fetch(document.getElementById(id).href, {credentials: 'same-origin'})"
        "  .then((r) => r.arrayBuffer().then((b) => [id, r.status, r.headers.get('content-type'), b.byteLength]))))"
        ".then(done);")
    for pid, status, ctype, size in got:
        check(status == 200 and size > 100, "%s downloads (%s, %s, %d bytes)" % (pid, status, ctype, size))
    check(dict((g[0], g[2]) for g in got)["paper-xlsx"].startswith("application/vnd.openxmlformats"),
          "the Excel 台账 is an xlsx")
    shot("30-papers")
    collect("papers")

    # 台账 by category: every row's problem is of that category.
    driver.get(base + "/#/ledger")
    wait.until(EC.visibility_of_element_located((By.ID, "ledger")))
    cat = Select(driver.find_element(By.ID, "f-category_id"))
    check(len(cat.options) > 1, "the ledger offers its categories")
    cat.select_by_index(1)
    press(driver.find_element(By.ID, "f-submit"))
    wait.until(lambda d: "category_id=" in d.current_url)
    wait.until(EC.visibility_of_element_located((By.ID, "ledger-total")))
    check(len(Select(driver.find_element(By.ID, "f-problem_id")).options) > 1,
          "the problems of the chosen category are offered")
    shot("26-ledger-category")
    collect("ledger")

    # 人员: revoking a person's personal links asks to confirm, and is audited.
    driver.get(base + "/#/people")
    row = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#people tr[data-id]")))
    name = row.get_attribute("data-name")
    press(row.find_element(By.CSS_SELECTOR, "[data-action=revoke-links]"))
    confirm = row.find_element(By.CSS_SELECTOR, "[data-action=revoke-confirm]")
    check(confirm.is_displayed(), "revoking links asks to confirm")
    press(confirm)
    done = wait.until(EC.visibility_of_element_located((By.ID, "action-done")))
    check(("已收回 %s 的个人链接" % name) in done.text, "the revocation says what was done: " + done.text)
    driver.get(base + "/#/audit?action=links")
    wait.until(EC.visibility_of_element_located((By.ID, "audit-log")))
    rows = driver.find_elements(By.CSS_SELECTOR, "#audit-log tbody tr[data-action='links.revoke']")
    check(len(rows) == 1 and OFFICE in rows[0].text, "the revocation is in the audit log")
    shot("27-audit-links")
    collect("people")
    logout()

    # A viewer sees no action buttons, and a forged action is refused by the server.
    login(VIEWER, VIEWER_PW)
    wait.until(EC.visibility_of_element_located((By.ID, "fig-measures")))
    check("只读" in driver.find_element(By.ID, "who").text, "the bar says the viewer is read-only")
    driver.get(base + "/#/measure/" + target)
    wait.until(EC.visibility_of_element_located((By.ID, "audit")))
    check(len(driver.find_elements(By.ID, "actions")) == 0 and
          len(driver.find_elements(By.CSS_SELECTOR, "[data-action]:not(tr)")) == 0,
          "a viewer sees no action buttons on a measure")
    shot("09-viewer-measure")
    driver.get(base + "/#/review")
    wait.until(EC.visibility_of_element_located((By.ID, "review-total")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "button[data-action]")) == 0,
          "a viewer sees no action buttons in the review queue")
    status = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/v1/measures/%s/reopen', {method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': RC.session.csrf_token},"
        " body: '{}'}).then((r) => done(r.status));" % target)
    check(status == 403, "a forged action request from a viewer is refused (%s)" % status)
    collect("viewer", allowed=["/reopen"])
    # 设置, 日历 and 人员 read-only: no editor, no import, no buttons.
    driver.get(base + "/#/settings")
    wait.until(EC.visibility_of_element_located((By.ID, "config-in-force")))
    check(len(driver.find_elements(By.ID, "config-text")) == 0 and "whsec_" not in driver.page_source,
          "a viewer sees the settings in force, no editor and no secret")
    shot("28-viewer-settings")
    driver.get(base + "/#/calendar")
    wait.until(EC.visibility_of_element_located((By.ID, "calendar")))
    check(len(driver.find_elements(By.ID, "calendar-file")) == 0, "a viewer cannot import a calendar")
    driver.get(base + "/#/people")
    wait.until(EC.visibility_of_element_located((By.ID, "people")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "button[data-action]")) == 0,
          "a viewer sees no buttons on the people page")
    collect("viewer")
    logout()

    # Throttled: after five wrong passwords the login says to wait.
    for _ in range(5):
        login(VIEWER, "wrong-password")
        wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-message .alert")))
    login(VIEWER, VIEWER_PW)
    throttled = wait.until(EC.visibility_of_element_located((By.ID, "login-throttled")))
    check("分钟后再试" in throttled.text, "the sixth attempt is throttled: " + throttled.text)
    shot("10-login-throttled")
    collect("login", allowed=["/api/v1/session"])

    check(console_errors == [], "no errors in the browser console: %s" % console_errors)
except Exception:
    # What the page showed when a step gave up waiting.
    if driver:
        driver.save_screenshot(os.path.join(ARTIFACTS, "failed.png"))
        print("page at failure (%s):\n%s" % (driver.current_url,
                                              driver.find_element(By.TAG_NAME, "body").text))
        print("browser console: %s" % driver.get_log("browser"))
    raise
finally:
    if driver:
        driver.quit()
    daemon.terminate()
    daemon.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
