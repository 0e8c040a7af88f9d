// 消息: three views of what rectifyd sends. 待发 is the timeline of the next N days as the
// planner would send it (GET /preview, the same planner as rectifyctl preview); 发件箱 is the
// outbox by state (GET /outbox?state=…); 死信 are the messages that could not be delivered,
// with their error, to send again (POST /outbox/{id}/retry) or drop (DELETE /outbox/{id}).
'use strict';

RC.outboxStates = {pending: '待发送', sending: '发送中', sent: '已送达', failed: '等待重试', dead: '死信'};

/// The group chat and the office are recipients besides people.
RC.recipient = (r) => ({group: '工作群', office: '办公室'}[r] || r);

RC.messageTabs = (view) => RC.el('ul', {class: 'nav nav-tabs mb-3'},
  [['timeline', '待发（预览）'], ['outbox', '发件箱'], ['dead', '死信']].map(([v, label]) =>
    RC.el('li', {class: 'nav-item'}, RC.el('a', {class: 'nav-link' + (v === view ? ' active' : ''), href: '#/messages?view=' + v, id: 'tab-' + v}, label))));

RC.messageTimeline = async (p) => {
  const days = Number(p.get('days') || 7);
  const person = p.get('person') || '';
  const q = new URLSearchParams({days});
  if (person) q.set('person', person);
  const r = await RC.api('GET', '/preview?' + q.toString());
  const form = RC.el('form', {class: 'row g-2 align-items-end mb-3', id: 'timeline-filters'},
    RC.el('div', {class: 'col-auto'}, RC.el('label', {class: 'form-label small mb-0', for: 'f-days'}, '未来天数'),
      RC.el('input', {class: 'form-control form-control-sm', id: 'f-days', name: 'days', type: 'number', min: 1, max: 366, value: days})),
    RC.el('div', {class: 'col-auto'}, RC.el('label', {class: 'form-label small mb-0', for: 'f-person'}, '收件人'),
      RC.el('input', {class: 'form-control form-control-sm', id: 'f-person', name: 'person', value: person, size: 8})),
    RC.el('div', {class: 'col-auto'}, RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit'}, '预览')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams({view: 'timeline', days: form.elements.days.value || 7});
    if (form.elements.person.value.trim()) next.set('person', form.elements.person.value.trim());
    RC.go('#/messages?' + next.toString());
  });
  if (!r.ok) return [form, RC.alert('danger', RC.errorText(r), 'messages-error')];
  const items = r.data.items;
  return [form,
    RC.el('p', {class: 'small text-muted', id: 'timeline-total'}, '自 ' + r.data.from + ' 起 ' + r.data.days + ' 天内将发出 ' + r.data.total + ' 条消息。'),
    items.length === 0 ? RC.el('p', {class: 'text-muted'}, '这段时间没有要发的消息。')
      : RC.el('table', {class: 'table table-sm bg-white', id: 'timeline'},
        RC.el('thead', {}, RC.el('tr', {}, ['时间', '类型', '收件人', '渠道', '内容'].map((h) => RC.el('th', {}, h)))),
        RC.el('tbody', {}, items.map((m) => RC.el('tr', {'data-kind': m.kind},
          RC.el('td', {class: 'text-nowrap'}, RC.time(m.at), m.late ? RC.el('span', {class: 'badge text-bg-warning ms-1'}, '补发') : null),
          RC.el('td', {class: 'text-nowrap'}, m.kind_zh),
          RC.el('td', {}, RC.recipient(m.recipient)), RC.el('td', {}, m.channel),
          RC.el('td', {}, RC.el('details', {}, RC.el('summary', {}, m.subject), RC.el('pre', {class: 'notice-text small mb-0 mt-1'}, m.text)))))))];
};

RC.outboxTable = (items, dead, after) => RC.el('table', {class: 'table table-sm bg-white', id: dead ? 'dead' : 'outbox'},
  RC.el('thead', {}, RC.el('tr', {}, (dead ? ['生成时间', '类型', '收件人', '渠道', '标题', '尝试', '错误', '']
    : ['生成时间', '类型', '收件人', '渠道', '标题', '状态', '尝试', '送达时间', '错误']).map((h) => RC.el('th', {}, h)))),
  RC.el('tbody', {}, items.map((m) => {
    const cells = [RC.el('td', {class: 'text-nowrap'}, RC.time(m.created_at)), RC.el('td', {class: 'text-nowrap'}, m.kind_zh),
      RC.el('td', {}, RC.recipient(m.recipient)), RC.el('td', {}, m.channel), RC.el('td', {}, m.subject)];
    if (!dead) {
      cells.push(RC.el('td', {class: 'text-nowrap'}, RC.outboxStates[m.state] || m.state), RC.el('td', {}, m.attempts),
        RC.el('td', {class: 'text-nowrap'}, m.sent_at ? RC.time(m.sent_at) : '—'), RC.el('td', {class: 'small text-danger'}, m.last_error));
      return RC.el('tr', {'data-id': m.id, 'data-state': m.state}, cells);
    }
    cells.push(RC.el('td', {}, m.attempts), RC.el('td', {class: 'small text-danger', 'data-field': 'error'}, m.last_error));
    const message = RC.el('div', {class: 'small text-danger'});
    const act = async (method, path, done) => {
      const r = await RC.api(method, path);
      if (r.ok) after(done);
      else message.textContent = RC.errorText(r);
    };
    const confirmDrop = RC.el('button', {class: 'btn btn-sm btn-danger d-none', type: 'button', 'data-action': 'drop-confirm'}, '确认放弃');
    confirmDrop.addEventListener('click', () => act('DELETE', '/outbox/' + m.id, '已放弃一条死信：' + m.subject));
    const retry = RC.el('button', {class: 'btn btn-sm btn-primary', type: 'button', 'data-action': 'retry'}, '重发');
    retry.addEventListener('click', () => act('POST', '/outbox/' + m.id + '/retry', '已重新排队：' + m.subject));
    const drop = RC.el('button', {class: 'btn btn-sm btn-outline-danger', type: 'button', 'data-action': 'drop'}, '放弃');
    drop.addEventListener('click', () => { drop.classList.add('d-none'); confirmDrop.classList.remove('d-none'); });
    cells.push(RC.el('td', {class: 'text-nowrap'}, RC.canAct() ? RC.el('div', {class: 'd-flex gap-1'}, retry, drop, confirmDrop) : null, message));
    return RC.el('tr', {'data-id': m.id, 'data-state': m.state}, cells);
  })));

RC.messageOutbox = async (p, dead) => {
  const state = dead ? 'dead' : (p.get('state') || '');
  const offset = Number(p.get('offset') || 0);
  const q = new URLSearchParams({limit: RC.pageSize, offset});
  if (state) q.set('state', state);
  const r = await RC.api('GET', '/outbox?' + q.toString());
  const parts = [];
  if (!dead) {
    const select = RC.el('select', {class: 'form-select form-select-sm', id: 'f-state'},
      RC.el('option', {value: ''}, '全部'),
      Object.entries(RC.outboxStates).map(([v, t]) => RC.el('option', {value: v, selected: state === v}, t)));
    select.addEventListener('change', () => RC.go('#/messages?view=outbox' + (select.value ? '&state=' + select.value : '')));
    parts.push(RC.el('div', {class: 'row g-2 align-items-end mb-3'}, RC.el('div', {class: 'col-auto'},
      RC.el('label', {class: 'form-label small mb-0', for: 'f-state'}, '状态'), select)));
  }
  if (!r.ok) return parts.concat(RC.alert('danger', RC.errorText(r), 'messages-error'));
  const d = r.data;
  const after = (done) => RC.go('#/messages?view=dead&done=' + encodeURIComponent(done) + '&t=' + Date.now());
  const link = (to, label, enabled) => {
    const n = new URLSearchParams(p);
    n.set('offset', to);
    return RC.el('a', {class: 'btn btn-sm btn-outline-primary' + (enabled ? '' : ' disabled'), href: '#/messages?' + n.toString()}, label);
  };
  parts.push(RC.el('p', {class: 'small text-muted', id: 'outbox-total'}, (dead ? '死信 ' : '共 ') + d.total + ' 条'));
  parts.push(d.items.length === 0 ? RC.el('p', {class: 'text-muted'}, dead ? '没有死信：消息都已送达或仍在重试。' : '发件箱是空的。')
    : RC.outboxTable(d.items, dead, after));
  parts.push(RC.el('div', {class: 'd-flex gap-2'}, link(Math.max(0, offset - RC.pageSize), '上一页', offset > 0), link(offset + RC.pageSize, '下一页', d.next !== null)));
  return parts;
};

RC.pages.messages = async (route) => {
  const p = route.params;
  const view = p.get('view') || 'timeline';
  const body = view === 'timeline' ? await RC.messageTimeline(p) : await RC.messageOutbox(p, view === 'dead');
  const notice = p.get('done');
  RC.show(RC.title('消息'), notice ? RC.alert('success', notice, 'action-done') : null, RC.messageTabs(view), body);
};
