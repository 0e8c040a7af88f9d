// 销号审核: measures reported done (GET /measures?status=done_reported), with their evidence;
// close (POST /measures/{id}/close) or return with a reason (POST /measures/{id}/return).
'use strict';

RC.pages.review = async (route) => {
  const r = await RC.api('GET', '/measures?status=done_reported&limit=1000');
  if (!r.ok) {
    RC.show(RC.title('销号审核'), RC.alert('danger', RC.errorText(r)));
    return;
  }
  const notice = route.params.get('done');
  const items = r.data.items.slice().sort((a, b) => String(a.last_progress_at).localeCompare(String(b.last_progress_at)));
  const after = (label) => RC.go('#/review?done=' + encodeURIComponent(label) + '&t=' + Date.now());
  const cards = items.map((m) => {
    const actions = RC.canAct()
      ? RC.el('div', {class: 'col-md-5'},
        RC.actionForm(m.id, {verb: 'close', label: '销号'}, () => after('销号 ' + m.label)),
        RC.actionForm(m.id, {verb: 'return', label: '退回'}, () => after('退回 ' + m.label)))
      : null;
    return RC.el('div', {class: 'card card-body mb-3', 'data-id': m.id},
      RC.el('div', {class: 'row g-3'},
        RC.el('div', {class: actions ? 'col-md-7' : 'col-12'},
          RC.el('div', {class: 'fw-semibold mb-1'}, RC.el('a', {href: '#/measure/' + m.id}, m.label), ' ', m.text),
          RC.el('div', {class: 'small text-muted mb-2'},
            '责任人 ' + (m.owner || '—') + ' · 责任领导 ' + (m.leader || '—') + ' · 期限 ' + (m.due || '—') +
            (m.last_progress_at ? ' · 报完成 ' + RC.time(m.last_progress_at) : '')),
          RC.el('div', {}, RC.el('span', {class: 'text-muted'}, '完成佐证：'), m.evidence || '—')),
        actions));
  });
  RC.show(
    RC.title('销号审核', RC.el('span', {class: 'text-muted small', id: 'review-total'}, '待审核 ' + items.length + ' 项')),
    notice ? RC.alert('success', '已办理：' + notice + '。', 'action-done') : null,
    items.length === 0 ? RC.el('p', {class: 'text-muted'}, '没有待销号的事项。') : cards);
};
