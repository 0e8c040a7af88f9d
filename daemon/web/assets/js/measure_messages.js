// The messages sent about one measure (GET /measures/{id}/messages, the outbox rows whose
// message names it): when, to whom, through which channel, and whether it was delivered.
'use strict';

RC.outboxStates = {pending: '待发送', sending: '发送中', sent: '已送达', failed: '重试中', dead: '未能送达'};

RC.measureMessages = (r) => {
  const rows = r.ok ? r.data.items : [];
  const body = !r.ok ? RC.el('p', {class: 'text-danger small mb-0'}, RC.errorText(r))
    : rows.length === 0 ? RC.el('p', {class: 'text-muted small mb-0'}, '尚未发出关于此项的消息。')
      : RC.el('table', {class: 'table table-sm mb-0', id: 'measure-messages'},
        RC.el('thead', {}, RC.el('tr', {}, ['时间', '收件人', '渠道', '消息', '状态'].map((h) => RC.el('th', {}, h)))),
        RC.el('tbody', {}, rows.map((m) => RC.el('tr', {'data-id': m.id, 'data-state': m.state},
          RC.el('td', {class: 'text-nowrap small'}, RC.time(m.sent_at || m.not_before)),
          RC.el('td', {class: 'small'}, {group: '群', office: '办公室'}[m.recipient] || m.recipient),
          RC.el('td', {class: 'small'}, m.channel),
          RC.el('td', {class: 'small'}, RC.el('span', {class: 'text-muted'}, (m.kind_zh || m.kind) + '：'), m.subject),
          RC.el('td', {class: 'small text-nowrap', 'data-field': 'state', title: m.last_error || ''},
            RC.el('span', {class: 'badge ' + (m.state === 'sent' ? 'text-bg-success' : m.state === 'dead' ? 'text-bg-danger' : 'text-bg-secondary')},
              RC.outboxStates[m.state] || m.state))))));
  return RC.el('div', {class: 'card card-body mb-3', id: 'messages-about'}, RC.el('h2', {class: 'h6'}, '相关消息'), body);
};
