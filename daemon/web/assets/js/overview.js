// 总览: the rates and counts of GET /stats, with 按期办结率 and the rates per category and per
// leader and the change since the last meeting (its breakdown), the counts by colour and the
// first red and yellow items (GET /measures?colour=…), the next meeting (GET /meetings).
// The counts by colour come with GET /stats; the next meeting's agenda when the reader opens it.
'use strict';

RC.figure = (label, value, id) => RC.el('div', {class: 'col'},
  RC.el('div', {class: 'card card-body h-100'},
    RC.el('div', {class: 'figure', id}, value), RC.el('div', {class: 'figure-label'}, label)));

RC.measureRows = (items, withColour) => items.map((m) => RC.el('tr', {'data-id': m.id},
  withColour ? RC.el('td', {class: 'text-nowrap'}, RC.light(m.colour)) : null,
  RC.el('td', {class: 'text-nowrap'}, RC.el('a', {href: '#/measure/' + m.id}, m.label)),
  RC.el('td', {class: 'measure-text text-truncate'}, m.text),
  RC.el('td', {class: 'text-nowrap'}, m.owner || '—'),
  RC.el('td', {class: 'text-nowrap'}, m.leader || '—'),
  RC.el('td', {class: 'text-nowrap'}, m.due || '—',
    m.overdue_workdays ? RC.el('div', {class: 'small text-danger'}, '逾期 ' + m.overdue_workdays + ' 个工作日') : null),
  RC.el('td', {class: 'text-nowrap'}, m.status_zh)));

// 较上次会议 +1.5 个百分点: the change of a rate, from fractions.
RC.change = (now, then) => {
  const d = Math.round((now - then) * 1000) / 10;
  return (d > 0 ? '+' : '') + d.toFixed(1) + ' 个百分点';
};

// A table of rates by category or leader.
RC.rateTable = (id, title, head, rows) => RC.el('div', {class: 'card card-body mt-3'},
  RC.el('h2', {class: 'h6'}, title),
  RC.el('table', {class: 'table table-sm mb-0', id},
    RC.el('thead', {}, RC.el('tr', {}, [head, '措施', '已办结', '办结率', '按期办结率', '逾期'].map((h) => RC.el('th', {}, h)))),
    RC.el('tbody', {}, rows.map((r) => RC.el('tr', {},
      RC.el('td', {}, r.name), RC.el('td', {}, r.measures), RC.el('td', {}, r.finished),
      RC.el('td', {}, r.measures ? RC.percent(r.completion_rate) : '—'),
      RC.el('td', {}, r.finished ? RC.percent(r.on_time_rate) : '—'),
      RC.el('td', {class: r.overdue ? 'text-danger' : ''}, r.overdue))))));

// The next meeting's notice with its agenda, as the planner would send it now: made when the
// reader opens it (GET /preview), so the overview itself stays quick.
RC.agendaPreview = (m) => {
  const noticeAt = (m.phases.find((p) => p.phase === 'notice') || {}).at;
  if (!noticeAt || m.status === 'cancelled') return null;
  const body = RC.el('div', {class: 'small text-muted mt-2'}, '正在生成……');
  const box = RC.el('details', {class: 'mt-2', id: 'next-agenda'}, RC.el('summary', {class: 'small'}, '议程预览'), body);
  box.addEventListener('toggle', async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = '1';
    const p = await RC.api('GET', '/preview?days=14');
    const n = p.ok ? p.data.items.find((x) => x.kind === 'meeting_notice' && x.at === noticeAt) : null;
    body.replaceWith(n
      ? RC.el('pre', {class: 'notice-text small mb-0 mt-2', id: 'next-agenda-text'}, n.text)
      : RC.el('div', {class: 'small text-muted mt-2', id: 'next-agenda-text'}, p.ok
        ? '通知将在 ' + RC.time(noticeAt) + ' 发出，议程到时按台账生成。' : RC.errorText(p)));
  });
  return box;
};

// How many red (and yellow) items the overview lists; the ledger has the rest.
RC.attentionRows = 50;

RC.pages.overview = async () => {
  const [stats, red, yellow, meetings] = await Promise.all([
    RC.api('GET', '/stats?per_problem=false&breakdown=true'),
    RC.api('GET', '/measures?colour=red&limit=' + RC.attentionRows),
    RC.api('GET', '/measures?colour=yellow&limit=' + RC.attentionRows),
    RC.api('GET', '/meetings?weeks=8&limit=1'),
  ]);
  if (!stats.ok || !red.ok || !yellow.ok) {
    RC.show(RC.alert('danger', RC.errorText([stats, red, yellow].find((r) => !r.ok))));
    return;
  }
  const s = stats.data;
  const b = s.breakdown || null;
  const since = b && b.rate_at_last_meeting !== null
    ? RC.el('div', {class: 'small text-muted', id: 'rate-change'}, '较上次会议（' + b.last_meeting + '）' + RC.change(s.completion_rate, b.rate_at_last_meeting))
    : null;
  const figures = RC.el('div', {class: 'row row-cols-2 row-cols-md-4 row-cols-xl-8 g-3 mb-3'},
    RC.el('div', {class: 'col'}, RC.el('div', {class: 'card card-body h-100'},
      RC.el('div', {class: 'figure', id: 'fig-rate'}, RC.percent(s.completion_rate)),
      RC.el('div', {class: 'figure-label'}, '办结率'), since)),
    b ? RC.figure('按期办结率', b.finished ? RC.percent(b.on_time_rate) : '—', 'fig-on-time') : null,
    RC.figure('整改措施', s.measures, 'fig-measures'),
    RC.figure('已销号', s.closed, 'fig-closed'),
    RC.figure('长期坚持', s.ongoing, 'fig-ongoing'),
    RC.figure('未办结', s.open, 'fig-open'),
    RC.figure('已逾期', s.overdue, 'fig-overdue'),
    RC.figure('待销号', s.done_reported, 'fig-done-reported'),
    RC.figure('问题办结', s.problems_done + ' / ' + s.problems, 'fig-problems'));
  const colours = RC.el('div', {class: 'd-flex gap-4 align-items-center mb-3'},
    ...['red', 'yellow', 'green'].map((c) =>
      RC.el('a', {class: 'text-decoration-none text-body', href: '#/ledger?colour=' + c, id: 'count-' + c},
        RC.light(c), ' ', RC.el('strong', {}, s.colours[c]), ' 项')));

  const items = red.data.items.concat(yellow.data.items);
  const more = [['red', red], ['yellow', yellow]].filter(([, r]) => r.data.total > r.data.items.length)
    .map(([c, r]) => RC.el('a', {class: 'me-3', href: '#/ledger?colour=' + c, id: 'more-' + c},
      '另有 ' + (r.data.total - r.data.items.length) + ' 项' + RC.colourNames[c] + '，到台账查看全部'));
  const table = items.length === 0
    ? RC.el('p', {class: 'text-muted mb-0'}, '没有红灯、黄灯事项。')
    : RC.el('table', {class: 'table table-sm table-hover mb-0', id: 'attention'},
      RC.el('thead', {}, RC.el('tr', {}, ['灯', '编号', '整改措施', '责任人', '责任领导', '期限', '状态'].map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, RC.measureRows(items, true)));

  let meeting = RC.el('p', {class: 'text-muted mb-0'}, '近八周没有安排会议。');
  if (meetings.ok && meetings.data.items.length > 0) {
    const m = meetings.data.items[0];
    meeting = RC.el('div', {id: 'next-meeting'},
      RC.el('div', {class: 'fw-semibold'}, meetings.data.title || '整改工作例会'),
      RC.el('div', {}, RC.time(m.start) + '（' + RC.weekday(m.start) + '）' + (m.status === 'moved' ? '（已调整）' : m.status === 'added' ? '（加开）' : '')),
      RC.el('div', {class: 'text-muted'}, meetings.data.location || ''),
      m.note ? RC.el('div', {class: 'small text-muted'}, m.note) : null,
      RC.agendaPreview(m));
  }

  RC.show(
    RC.title('总览', RC.el('span', {class: 'text-muted small'}, '截至 ' + (s.as_of || ''))),
    figures,
    RC.el('div', {class: 'row g-3'},
      RC.el('div', {class: 'col-lg-9'}, RC.trendCard(), RC.el('div', {class: 'card card-body'},
        RC.el('div', {class: 'd-flex justify-content-between align-items-center mb-2'},
          RC.el('h2', {class: 'h6 mb-0'}, '需关注事项（红灯、黄灯）'), colours),
        table, more.length ? RC.el('div', {class: 'small mt-2'}, more) : null),
        b ? RC.rateTable('by-category', '分类办结情况', '问题类别', b.by_category) : null,
        b ? RC.rateTable('by-leader', '责任领导办结情况', '责任领导', b.by_leader) : null),
      RC.el('div', {class: 'col-lg-3'}, RC.el('div', {class: 'card card-body'},
        RC.el('h2', {class: 'h6'}, '下次会议'), meeting))));
};
