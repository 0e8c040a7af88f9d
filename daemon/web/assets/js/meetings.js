// 会议: the coming occurrences (GET /meetings) with what changed them, the notice each will send
// as the planner would send it (GET /preview, its meeting_notice rows), and the office's changes
// to one occurrence: move, cancel, send the notice now (POST /meetings/{date}/…) and add one
// (POST /meetings); the summaries sent after past meetings (GET /outbox, sent meeting_summary).
'use strict';

RC.meetingStatus = {regular: '', moved: '已调整', added: '加开', cancelled: '已取消'};

/// A small form posting to /api/v1`path`; `fields` are {name, label, type}; a refusal is shown
/// at its field (the error's location, "/to") or under the form.
RC.postForm = (id, path, fields, label, kind, after) => {
  const inputs = {};
  const feedback = {};
  const general = RC.el('div', {class: 'text-danger small', 'data-error': 'form'});
  const rows = fields.map((f) => {
    const fid = id + '-' + f.name;
    inputs[f.name] = RC.el('input', {class: 'form-control form-control-sm', id: fid, name: f.name, type: f.type || 'text', value: f.value || null});
    feedback[f.name] = RC.el('div', {class: 'invalid-feedback', 'data-error': f.name});
    return RC.el('div', {class: 'col-auto'}, RC.el('label', {class: 'form-label small mb-0', for: fid}, f.label), inputs[f.name], feedback[f.name]);
  });
  const button = RC.el('button', {class: 'btn btn-sm btn-' + kind, type: 'submit', id: id + '-submit'}, label);
  const form = RC.el('form', {class: 'row g-2 align-items-end', id, novalidate: true},
    rows, RC.el('div', {class: 'col-auto'}, button), RC.el('div', {class: 'col-12'}, general));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    general.textContent = '';
    const body = {};
    for (const [n, input] of Object.entries(inputs)) {
      input.classList.remove('is-invalid');
      feedback[n].textContent = '';
      // A datetime-local input gives "2026-12-08T15:00"; the API takes "2026-12-08 15:00".
      const v = input.type === 'datetime-local' ? input.value.replace('T', ' ') : input.value.trim();
      if (v) body[n] = v;
    }
    button.disabled = true;
    const r = await RC.api('POST', path, body);
    button.disabled = false;
    if (r.ok) { after(r.data); return; }
    const field = RC.errorLocation(r).replace(/^\//, '');
    if (inputs[field]) {
      inputs[field].classList.add('is-invalid');
      feedback[field].textContent = RC.errorText(r);
    } else {
      general.textContent = RC.errorText(r);
    }
  });
  return form;
};

RC.pages.meetings = async (route) => {
  const [meetings, preview, sent] = await Promise.all([
    RC.api('GET', '/meetings?weeks=8&limit=100'),
    RC.api('GET', '/preview?days=21'),
    RC.api('GET', '/outbox?state=sent&limit=1000'),
  ]);
  if (!meetings.ok) {
    RC.show(RC.title('会议'), RC.alert('danger', RC.errorText(meetings), 'meetings-error'));
    return;
  }
  const d = meetings.data;
  const notices = preview.ok ? preview.data.items.filter((m) => m.kind === 'meeting_notice') : [];
  const after = (r) => {
    const words = [r.summary].concat(r.warnings || []).filter((w) => w).join(' ');
    RC.go('#/meetings?done=' + encodeURIComponent(words) + '&t=' + Date.now());
  };

  const cards = d.items.map((m) => {
    const noticeAt = (m.phases.find((p) => p.phase === 'notice') || {}).at;
    const notice = notices.find((n) => n.at === noticeAt);
    const mark = RC.meetingStatus[m.status];
    const actions = RC.canAct() && m.status !== 'cancelled' ? RC.el('details', {class: 'mt-2', 'data-actions': m.day},
      RC.el('summary', {class: 'small text-primary'}, '调整、取消或立即发送通知'),
      RC.el('div', {class: 'mt-2 d-grid gap-2'},
      RC.postForm('move-' + m.day, '/meetings/' + m.day + '/move',
        [{name: 'to', label: '改到', type: 'datetime-local'}, {name: 'note', label: '说明'}], '调整', 'primary', after),
      RC.postForm('cancel-' + m.day, '/meetings/' + m.day + '/cancel',
        [{name: 'note', label: '取消说明'}], '取消本次', 'outline-danger', after),
      RC.postForm('notice-' + m.day, '/meetings/' + m.day + '/notice', [], '立即发送通知', 'outline-primary', after))) : null;
    return RC.el('div', {class: 'card card-body mb-3', 'data-day': m.day, 'data-status': m.status},
      RC.el('div', {class: 'd-flex gap-3 align-items-baseline'},
        RC.el('div', {class: 'fw-semibold', 'data-field': 'time'}, m.time_zh || RC.time(m.start)),
        mark ? RC.el('span', {class: 'badge ' + (m.status === 'cancelled' ? 'text-bg-secondary' : 'text-bg-warning')}, mark) : null,
        m.note ? RC.el('span', {class: 'small text-muted'}, m.note) : null),
      notice ? RC.el('details', {class: 'mt-2', 'data-notice': m.day},
        RC.el('summary', {class: 'small'}, '通知（' + RC.time(notice.at) + ' 发出）：' + notice.subject),
        RC.el('pre', {class: 'notice-text small mb-0 mt-2'}, notice.text))
        : m.status === 'cancelled' ? null
          : RC.el('div', {class: 'small text-muted mt-2'}, '通知将在 ' + RC.time(noticeAt) + ' 发出；到时按当时的台账生成。'),
      actions);
  });

  const summaries = sent.ok ? sent.data.items.filter((r) => r.kind === 'meeting_summary') : [];
  const seen = new Set();
  const past = summaries.filter((r) => (seen.has(r.subject) ? false : seen.add(r.subject)));
  const notice = route.params.get('done');
  RC.show(
    RC.title('会议', RC.el('span', {class: 'text-muted small'}, (d.title || '推进会') + (d.location ? ' · ' + d.location : ''))),
    notice ? RC.alert('success', notice, 'action-done') : null,
    RC.el('div', {class: 'row g-3'},
      RC.el('div', {class: 'col-lg-8'},
        RC.el('h2', {class: 'h6'}, '近八周的会议'),
        cards.length ? cards : RC.el('p', {class: 'text-muted'}, '近八周没有安排会议。')),
      RC.el('div', {class: 'col-lg-4'},
        RC.canAct() ? RC.el('div', {class: 'card card-body mb-3'}, RC.el('h2', {class: 'h6'}, '加开一次'),
          RC.postForm('add-meeting', '/meetings',
            [{name: 'start', label: '时间', type: 'datetime-local'}, {name: 'note', label: '说明'}], '加开', 'primary', after)) : null,
        RC.el('div', {class: 'card card-body'}, RC.el('h2', {class: 'h6'}, '以往会议小结'),
          past.length === 0 ? RC.el('p', {class: 'text-muted small mb-0'}, '尚未发出会议小结。')
            : RC.el('ul', {class: 'list-unstyled small mb-0', id: 'summaries'},
              past.map((r) => RC.el('li', {class: 'mb-1'}, RC.time(r.sent_at) + ' ' + r.subject)))))));
};
