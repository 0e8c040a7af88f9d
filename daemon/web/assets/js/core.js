// The console's common parts: the session, calls to /api/v1, building elements, the pages'
// registry and the router. Every page is a function registered in RC.pages that fills the
// <main> element; the address after # names the page and its parameters.
'use strict';

const RC = {
  session: null,  // {name, role, csrf_token}
  pages: {},
};

RC.canAct = () => RC.session !== null && RC.session.role === 'office';

/// Calls /api/v1: resolves to {ok, status, data}; a write carries the session's CSRF token.
RC.api = async (method, path, body) => {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && RC.session) headers['X-CSRF-Token'] = RC.session.csrf_token;
  const res = await fetch('/api/v1' + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.status === 401 && path !== '/session') {
    RC.session = null;
    RC.go('#/login');
  }
  return {ok: res.ok, status: res.status, data};
};

/// The message of a refused call.
RC.errorText = (r) => (r.data && r.data.error && r.data.error.message) || ('请求失败（HTTP ' + r.status + '）');
RC.errorLocation = (r) => (r.data && r.data.error && r.data.error.location) || '';

/// el('td', {class: 'x'}, 'text', child…): an element; text is always text, never markup.
RC.el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};

RC.main = () => document.getElementById('page');
/// Fills the page; like RC.el's children, arrays are flattened and null is left out.
RC.show = (...nodes) => RC.main().replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined));
RC.title = (text, extra) => RC.el('div', {class: 'd-flex align-items-center mb-3'},
  RC.el('h1', {class: 'h4 mb-0 me-3'}, text), extra || null);
RC.alert = (kind, text, id) => RC.el('div', {class: 'alert alert-' + kind, role: 'alert', id: id || null}, text);

RC.colourNames = {red: '红灯', yellow: '黄灯', green: '绿灯'};
RC.light = (colour) => RC.el('span', {class: 'd-inline-flex align-items-center gap-1', 'data-colour': colour},
  RC.el('span', {class: 'light light-' + colour}), RC.colourNames[colour] || colour);
RC.percent = (x) => (Math.round(x * 1000) / 10).toFixed(1) + '%';
/// "2026-12-01T23:45:27Z" → "2026-12-02 07:45" in the browser's zone; a time that states its own
/// offset ("2026-12-04T15:00:00+08:00", a meeting) is shown as it states it: "2026-12-04 15:00".
RC.time = (s) => {
  if (!s) return '—';
  const own = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?[+-]\d{2}:\d{2}$/.exec(s);
  if (own) return own[1] + ' ' + own[2];
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
};
RC.weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/// "2026-12-04" → "周五".
RC.weekday = (date) => RC.weekdays[new Date(date.slice(0, 10) + 'T00:00:00Z').getUTCDay()];

/// The audit log's actions as people read them.
RC.actionNames = {
  'measure.progress': '报进度', 'measure.done': '报完成', 'measure.close': '销号',
  'measure.ongoing': '长期坚持', 'measure.return': '退回', 'measure.na': '无需整改',
  'measure.reopen': '重新打开', 'measure.assign': '调整责任人', 'measure.due': '调整期限',
  'extension.request': '申请延期', 'extension.approve': '批准延期', 'extension.reject': '不批准延期',
  'meeting.move': '调整会议', 'meeting.cancel': '取消会议', 'meeting.add': '加开会议',
  'meeting.notice': '发送会议通知', 'meeting.summary': '会议纪要',
  'person.add': '新增人员', 'person.update': '修改人员', 'person.deactivate': '停用人员',
  'user.add': '开通账号', 'user.passwd': '重设密码', 'user.disable': '停用账号',
  'session.login': '登录', 'session.logout': '退出',
  'outbox.retry': '重发消息', 'outbox.drop': '放弃消息',
  'config.reload': '重新加载配置', 'config.start': '启动时配置', 'config.applied': '配置生效',
  'calendar.import': '导入日历', 'links.revoke': '收回个人链接', 'ledger.import_csv': '导入台账（CSV）',
  'ledger.import_xlsx': '导入台账（Excel）', 'ledger.import_plan': '导入整改方案',
};
RC.actionName = (a) => RC.actionNames[a] || a;

RC.statusNames = {
  open: '未开始', in_progress: '整改中', done_reported: '已报完成', closed: '已销号',
  ongoing: '长期坚持', not_applicable: '无需整改',
};

/// "#/ledger?colour=red" → {page: 'ledger', arg: '', params: URLSearchParams}.
RC.parseHash = () => {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query] = h.split('?');
  const parts = (path || '').split('/');
  return {page: parts[0] || 'overview', arg: parts[1] || '', params: new URLSearchParams(query || '')};
};
RC.go = (hash) => {
  if (location.hash === hash) RC.route();
  else location.hash = hash;
};

RC.route = async () => {
  const r = RC.parseHash();
  if (!RC.session && r.page !== 'login') {
    const s = await RC.api('GET', '/session');
    if (s.ok && s.data.name) RC.session = s.data;
    else return RC.go('#/login');
  }
  const nav = document.getElementById('nav');
  nav.classList.toggle('d-none', r.page === 'login');
  if (RC.session) {
    document.getElementById('who').textContent =
      RC.session.name + '（' + (RC.canAct() ? '办公室' : '只读') + '）';
  }
  for (const a of nav.querySelectorAll('[data-page]'))
    a.classList.toggle('active', a.dataset.page === r.page || (r.page === 'measure' && a.dataset.page === 'ledger'));
  const page = RC.pages[r.page] || RC.pages.overview;
  RC.show(RC.el('div', {class: 'text-muted'}, '正在加载…'));
  await page(r);
};
