// 措施: one measure (GET /measures/{id}): its details, progress history, extensions and audit
// trail, and exactly the actions its status allows (the "actions" the server lists), each a
// form posting to /measures/{id}/<verb>. A refused form keeps what was typed and shows the
// error at its field.
'use strict';

/// The form of each verb: its fields and how they become the request.
RC.measureActions = {
  progress: {path: 'progress', kind: 'primary', fields: [
    {name: 'progress', label: '进度（%）', type: 'number'}, {name: 'note', label: '说明'}],
  body: (v) => Object.assign(v.progress === '' ? {} : {progress: Number(v.progress)}, v.note ? {note: v.note} : {})},
  done: {path: 'done', kind: 'success', fields: [{name: 'evidence', label: '完成佐证', type: 'textarea'}],
    body: (v) => ({evidence: v.evidence})},
  close: {path: 'close', kind: 'success', fields: [], body: () => ({})},
  ongoing: {path: 'close', kind: 'outline-success', fields: [], body: () => ({ongoing: true})},
  return: {path: 'return', kind: 'warning', fields: [{name: 'reason', label: '退回理由', type: 'textarea'}],
    body: (v) => ({reason: v.reason})},
  na: {path: 'na', kind: 'outline-secondary', fields: [{name: 'reason', label: '无需整改的理由', type: 'textarea'}],
    body: (v) => ({reason: v.reason})},
  reopen: {path: 'reopen', kind: 'outline-danger', fields: [{name: 'reason', label: '重新打开的理由'}],
    body: (v) => (v.reason ? {reason: v.reason} : {})},
};

/// One action's form; `done(measure)` runs after the server accepted it.
RC.actionForm = (id, action, done) => {
  const spec = RC.measureActions[action.verb];
  if (!spec) return null;
  const inputs = {};
  const feedback = {};
  const general = RC.el('div', {class: 'text-danger small', 'data-error': 'form'});
  const rows = spec.fields.map((f) => {
    const fid = 'a-' + action.verb + '-' + f.name;
    const input = f.type === 'textarea'
      ? RC.el('textarea', {class: 'form-control form-control-sm', id: fid, name: f.name, rows: 2})
      : RC.el('input', {class: 'form-control form-control-sm', id: fid, name: f.name, type: f.type || 'text',
        min: f.type === 'number' ? 0 : null, max: f.type === 'number' ? 100 : null});
    inputs[f.name] = input;
    feedback[f.name] = RC.el('div', {class: 'invalid-feedback', 'data-error': f.name});
    return RC.el('div', {class: 'mb-2'}, RC.el('label', {class: 'form-label small mb-0', for: fid}, f.label), input, feedback[f.name]);
  });
  const button = RC.el('button', {class: 'btn btn-sm btn-' + spec.kind, type: 'submit', 'data-action': action.verb}, action.label);
  const form = RC.el('form', {class: 'border rounded p-2 mb-2 bg-white', 'data-form': action.verb, novalidate: true}, rows, general, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    general.textContent = '';
    for (const [n, input] of Object.entries(inputs)) { input.classList.remove('is-invalid'); feedback[n].textContent = ''; }
    const values = {};
    for (const [n, input] of Object.entries(inputs)) values[n] = input.value.trim();
    button.disabled = true;
    const r = await RC.api('POST', '/measures/' + id + '/' + spec.path, spec.body(values));
    button.disabled = false;
    if (r.ok) { done(r.data, action.label); return; }
    const field = RC.errorLocation(r).replace(/^\//, '');
    if (inputs[field]) {
      inputs[field].classList.add('is-invalid');
      feedback[field].textContent = RC.errorText(r);
      inputs[field].focus();
    } else {
      general.textContent = RC.errorText(r);
    }
  });
  return form;
};

RC.pages.measure = async (route) => {
  const id = Number(route.arg);
  const [r, audit, files, messages] = await Promise.all([
    RC.api('GET', '/measures/' + id),
    RC.api('GET', '/audit?entity=measure:' + id + '&limit=50'),
    RC.api('GET', '/measures/' + id + '/evidence'),
    RC.api('GET', '/measures/' + id + '/messages'),
  ]);
  if (!r.ok) {
    RC.show(RC.title('整改措施'), RC.alert('danger', RC.errorText(r)));
    return;
  }
  const m = r.data;
  const notice = route.params.get('done');
  const dl = RC.el('dl', {class: 'row details mb-0'},
    ...[['编号', m.label], ['整改措施', m.text], ['责任人', m.owner || '—'], ['责任领导', m.leader || '—'],
      ['期限', (m.due || '—') + (m.original_due && m.original_due !== m.due ? '（原定 ' + m.original_due + '）' : '')],
      ['状态', m.status_zh], ['进度', m.progress + '%'], ['完成佐证', m.evidence || '—'],
      m.na_reason ? ['无需整改理由', m.na_reason] : null, m.closed_at ? ['办结时间', RC.time(m.closed_at)] : null]
      .filter((x) => x).flatMap(([k, v]) => [RC.el('dt', {class: 'col-sm-3'}, k), RC.el('dd', {class: 'col-sm-9', 'data-field': k}, v)]));

  const history = m.progress_updates.length === 0 ? RC.el('p', {class: 'text-muted small mb-0'}, '尚无进度记录。')
    : RC.el('table', {class: 'table table-sm mb-0', id: 'progress'},
      RC.el('thead', {}, RC.el('tr', {}, ['时间', '填报人', '进度', '说明'].map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, m.progress_updates.map((u) => RC.el('tr', {},
        RC.el('td', {}, RC.time(u.at)), RC.el('td', {}, u.actor), RC.el('td', {}, u.progress + '%'), RC.el('td', {}, u.note)))));
  const extensions = m.extensions.length === 0 ? null : RC.el('div', {class: 'card card-body mb-3'},
    RC.el('h2', {class: 'h6'}, '延期申请'),
    RC.el('table', {class: 'table table-sm mb-0'},
      RC.el('thead', {}, RC.el('tr', {}, ['申请时间', '申请人', '原期限', '新期限', '理由', '状态', ''].map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, m.extensions.map((e) => RC.el('tr', {'data-extension': e.id, 'data-state': e.state},
        RC.el('td', {}, RC.time(e.requested_at)), RC.el('td', {}, e.requested_by), RC.el('td', {}, e.old_due),
        RC.el('td', {}, e.new_due), RC.el('td', {}, e.reason),
        RC.el('td', {}, {pending: '待审批', approved: '已批准', rejected: '未批准'}[e.state] || e.state),
        RC.el('td', {}, RC.extensionActions(e, (label) => RC.go('#/measure/' + id + '?done=' + encodeURIComponent(label) + '&t=' + Date.now()))))))));
  // The files owners sent with a report of done, downloaded with the name they were sent with.
  const evidence = !files.ok || files.data.items.length === 0 ? null
    : RC.el('div', {class: 'card card-body mb-3', id: 'evidence-files'}, RC.el('h2', {class: 'h6'}, '佐证材料'),
      RC.el('ul', {class: 'mb-0'}, files.data.items.map((f) => RC.el('li', {'data-sha256': f.sha256},
        RC.el('a', {href: '/api/v1/measures/' + id + '/evidence/' + f.id, download: f.name}, f.name), ' ',
        RC.el('span', {class: 'text-muted small'},
          Math.ceil(f.size / 1024) + ' KB · ' + f.uploaded_by + ' · SHA-256 ' + f.sha256.slice(0, 12) + '…')))));
  const trail = !audit.ok || audit.data.items.length === 0 ? RC.el('p', {class: 'text-muted small mb-0'}, '尚无记录。')
    : RC.el('table', {class: 'table table-sm mb-0', id: 'audit'},
      RC.el('thead', {}, RC.el('tr', {}, ['时间', '操作人', '操作'].map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, audit.data.items.map((a) => RC.el('tr', {'data-action': a.action},
        RC.el('td', {}, RC.time(a.at)), RC.el('td', {}, a.actor), RC.el('td', {}, RC.actionName(a.action))))));

  let actions = null;
  if (RC.canAct()) {
    const forms = m.actions.map((a) => RC.actionForm(id, a, (after, label) =>
      RC.go('#/measure/' + id + '?done=' + encodeURIComponent(label)))).filter((f) => f);
    actions = RC.el('div', {class: 'card card-body', id: 'actions'},
      RC.el('h2', {class: 'h6'}, '办理'),
      forms.length ? forms : RC.el('p', {class: 'text-muted small mb-0'}, '当前状态下没有可办理的操作。'));
  }
  RC.show(
    RC.title('整改措施 ' + m.label, RC.light(m.colour)),
    notice ? RC.alert('success', '已办理：' + notice + '。', 'action-done') : null,
    RC.el('div', {class: 'row g-3'},
      RC.el('div', {class: actions ? 'col-lg-8' : 'col-12'},
        RC.el('div', {class: 'card card-body mb-3'}, dl),
        RC.el('div', {class: 'card card-body mb-3'}, RC.el('h2', {class: 'h6'}, '进度记录'), history),
        evidence,
        extensions,
        RC.measureMessages(messages),
        RC.el('div', {class: 'card card-body'}, RC.el('h2', {class: 'h6'}, '操作记录'), trail)),
      actions ? RC.el('div', {class: 'col-lg-4'}, actions) : null));
};
