// 台账: GET /measures with its filters (colour, status, owner, overdue, text) and paging; the
// filters live in the address, so a filtered page can be bookmarked and the back button works.
'use strict';

RC.pageSize = 20;

RC.pages.ledger = async (route) => {
  const p = route.params;
  const offset = Number(p.get('offset') || 0);
  const query = new URLSearchParams();
  for (const k of ['colour', 'status', 'owner', 'leader', 'category_id', 'problem_id', 'q']) if (p.get(k)) query.set(k, p.get(k));
  if (p.get('overdue') === 'true') query.set('overdue', 'true');
  query.set('limit', RC.pageSize);
  query.set('offset', offset);
  const [r, options] = await Promise.all([RC.api('GET', '/measures?' + query.toString()), RC.ledgerFilterOptions(p)]);

  const select = (name, label, options) => RC.el('div', {class: 'col-auto'},
    RC.el('label', {class: 'form-label small mb-0', for: 'f-' + name}, label),
    RC.el('select', {class: 'form-select form-select-sm', id: 'f-' + name, name},
      RC.el('option', {value: ''}, '全部'),
      ...Object.entries(options).map(([v, t]) => RC.el('option', {value: v, selected: p.get(name) === v}, t))));
  const text = (name, label, width) => RC.el('div', {class: 'col-auto'},
    RC.el('label', {class: 'form-label small mb-0', for: 'f-' + name}, label),
    RC.el('input', {class: 'form-control form-control-sm', id: 'f-' + name, name, value: p.get(name) || '', size: width}));
  const form = RC.el('form', {class: 'row g-2 align-items-end mb-3', id: 'filters'},
    select('colour', '灯', RC.colourNames),
    select('status', '状态', RC.statusNames),
    select('category_id', '类别', options.categories),
    select('problem_id', '问题', options.problems),
    text('owner', '责任人', 8),
    text('leader', '责任领导', 8),
    text('q', '搜索', 18),
    RC.el('div', {class: 'col-auto form-check ms-2 mb-1'},
      RC.el('input', {class: 'form-check-input', type: 'checkbox', id: 'f-overdue', name: 'overdue', checked: p.get('overdue') === 'true'}),
      RC.el('label', {class: 'form-check-label', for: 'f-overdue'}, '仅看逾期')),
    RC.el('div', {class: 'col-auto'}, RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit', id: 'f-submit'}, '查询')),
    RC.el('div', {class: 'col-auto'}, RC.el('a', {class: 'btn btn-sm btn-outline-secondary', href: '#/ledger'}, '清除')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') { if (el.checked) next.set(el.name, 'true'); }
      else if (el.value) next.set(el.name, el.value.trim());
    }
    RC.go('#/ledger' + (next.toString() ? '?' + next.toString() : ''));
  });

  if (!r.ok) {
    RC.show(RC.title('台账'), form, RC.alert('danger', RC.errorText(r), 'ledger-error'));
    return;
  }
  const d = r.data;
  const pageLink = (to, label, enabled) => {
    const q = new URLSearchParams(p);
    q.set('offset', to);
    return RC.el('a', {class: 'btn btn-sm btn-outline-primary' + (enabled ? '' : ' disabled'), href: '#/ledger?' + q.toString(), 'aria-disabled': !enabled ? 'true' : null}, label);
  };
  const pages = Math.max(1, Math.ceil(d.total / RC.pageSize));
  const current = Math.floor(offset / RC.pageSize) + 1;
  const rows = d.items.map((m) => RC.el('tr', {'data-id': m.id, 'data-status': m.status},
    RC.el('td', {}, RC.light(m.colour)),
    RC.el('td', {}, RC.el('a', {href: '#/measure/' + m.id}, m.label)),
    RC.el('td', {class: 'measure-text text-truncate'}, m.text),
    RC.el('td', {}, m.owner || '—'),
    RC.el('td', {}, m.leader || '—'),
    RC.el('td', {}, m.due || '—'),
    RC.el('td', {}, m.status_zh),
    RC.el('td', {}, m.progress + '%')));
  RC.show(RC.title('台账', RC.el('span', {class: 'text-muted small', id: 'ledger-total'}, '共 ' + d.total + ' 项')),
    form,
    RC.el('div', {class: 'card card-body'},
      d.items.length === 0 ? RC.el('p', {class: 'text-muted mb-0'}, '没有符合条件的整改措施。')
        : RC.el('table', {class: 'table table-sm table-hover mb-2', id: 'ledger'},
          RC.el('thead', {}, RC.el('tr', {}, ['灯', '编号', '整改措施', '责任人', '责任领导', '期限', '状态', '进度'].map((h) => RC.el('th', {}, h)))),
          RC.el('tbody', {}, rows)),
      RC.el('div', {class: 'd-flex gap-2 align-items-center'},
        pageLink(Math.max(0, offset - RC.pageSize), '上一页', offset > 0),
        RC.el('span', {class: 'small text-muted', id: 'ledger-page'}, '第 ' + current + ' / ' + pages + ' 页'),
        pageLink(offset + RC.pageSize, '下一页', d.next !== null))));
};
