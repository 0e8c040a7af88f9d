// 审计日志: every change, newest first (GET /audit), filtered by who (?actor=), what (?action=,
// an action or its family: "measure") and when (?from=, ?until=, days in the unit's zone),
// paged by the cursor the server gives (?before=).
'use strict';

RC.auditFamilies = {measure: '整改措施', extension: '延期', meeting: '会议', person: '人员', user: '账号',
  session: '登录', outbox: '消息', config: '配置', calendar: '日历', ledger: '台账导入', links: '个人链接'};

// What an entry changed: the fields that differ between before and after when both are
// objects, the fields set when only one is; the text itself otherwise.
RC.auditDetail = (e) => {
  const parse = (t) => { try { return t ? JSON.parse(t) : null; } catch (x) { return t; } };
  const shown = (v) => (v === '' || v === null || v === undefined ? '（空）' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const b = parse(e.before);
  const a = parse(e.after);
  if (isObj(b) && isObj(a)) {
    return Object.keys(Object.assign({}, b, a)).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .map((k) => k + '：' + shown(b[k]) + ' → ' + shown(a[k])).join('；');
  }
  const one = isObj(a) ? a : isObj(b) ? b : null;
  if (one) return Object.entries(one).filter(([, v]) => v !== '' && v !== null).map(([k, v]) => k + '：' + shown(v)).join('；');
  return [e.before, e.after].filter((v) => v).join(' → ');
};

RC.pages.audit = async (route) => {
  const p = route.params;
  const q = new URLSearchParams({limit: 50});
  for (const k of ['actor', 'action', 'from', 'until', 'before']) if (p.get(k)) q.set(k, p.get(k));
  const r = await RC.api('GET', '/audit?' + q.toString());
  const input = (name, label, type, width) => RC.el('div', {class: 'col-auto'},
    RC.el('label', {class: 'form-label small mb-0', for: 'f-' + name}, label),
    RC.el('input', {class: 'form-control form-control-sm', id: 'f-' + name, name, type: type || 'text', value: p.get(name) || '', size: width || null}));
  const form = RC.el('form', {class: 'row g-2 align-items-end mb-3', id: 'audit-filters'},
    input('actor', '操作人', 'text', 8),
    RC.el('div', {class: 'col-auto'}, RC.el('label', {class: 'form-label small mb-0', for: 'f-action'}, '操作'),
      RC.el('select', {class: 'form-select form-select-sm', id: 'f-action', name: 'action'},
        RC.el('option', {value: ''}, '全部'),
        Object.entries(RC.auditFamilies).map(([v, t]) => RC.el('option', {value: v, selected: p.get('action') === v}, t + '（全部）')),
        Object.entries(RC.actionNames).map(([v, t]) => RC.el('option', {value: v, selected: p.get('action') === v}, t)))),
    input('from', '自', 'date'), input('until', '至', 'date'),
    RC.el('div', {class: 'col-auto'}, RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit', id: 'audit-submit'}, '查询')),
    RC.el('div', {class: 'col-auto'}, RC.el('a', {class: 'btn btn-sm btn-outline-secondary', href: '#/audit'}, '清除')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value.trim()) next.set(el.name, el.value.trim());
    RC.go('#/audit' + (next.toString() ? '?' + next.toString() : ''));
  });
  if (!r.ok) {
    RC.show(RC.title('审计日志'), form, RC.alert('danger', RC.errorText(r), 'audit-error'));
    return;
  }
  const d = r.data;
  const more = new URLSearchParams(p);
  if (d.next !== null) more.set('before', d.next);
  const latest = new URLSearchParams(p);
  latest.delete('before');
  RC.show(RC.title('审计日志', RC.el('span', {class: 'text-muted small', id: 'audit-total'}, '共 ' + d.total + ' 条')),
    form,
    RC.el('div', {class: 'card card-body'},
      d.items.length === 0 ? RC.el('p', {class: 'text-muted mb-0'}, '没有符合条件的记录。')
        : RC.el('table', {class: 'table table-sm mb-2', id: 'audit-log'},
          RC.el('thead', {}, RC.el('tr', {}, ['时间', '操作人', '操作', '对象', '内容'].map((h) => RC.el('th', {}, h)))),
          RC.el('tbody', {}, d.items.map((e) => RC.el('tr', {'data-action': e.action},
            RC.el('td', {class: 'text-nowrap'}, RC.time(e.at)), RC.el('td', {class: 'text-nowrap'}, e.actor),
            RC.el('td', {class: 'text-nowrap'}, RC.actionName(e.action)),
            RC.el('td', {class: 'text-nowrap'}, e.entity.startsWith('measure:')
              ? RC.el('a', {href: '#/measure/' + e.entity.slice(8)}, e.entity) : e.entity),
            RC.el('td', {class: 'small text-muted audit-detail'}, RC.auditDetail(e)))))),
      RC.el('div', {class: 'd-flex gap-2'},
        p.get('before') ? RC.el('a', {class: 'btn btn-sm btn-outline-primary', href: '#/audit?' + latest.toString()}, '回到最新') : null,
        d.next !== null ? RC.el('a', {class: 'btn btn-sm btn-outline-primary', href: '#/audit?' + more.toString(), id: 'audit-more'}, '更早的记录') : null)));
};
