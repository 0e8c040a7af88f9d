// 材料下载: the papers an office hands on, made from the ledger as it is now — the 台账 as
// Excel and CSV (GET /exports/xlsx, /exports/csv), the weekly 通报 of a day (GET /reports/weekly
// ?date=, Word or a page to print) and the 整改情况报告 (GET /reports/final, with the inspection's
// own words in ?group=, ?period=, ?authority=). Every link is a plain download with the session.
'use strict';

RC.pages.papers = async () => {
  const base = '/api/v1';
  const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const card = (title, text, ...body) => RC.el('div', {class: 'card mb-3'},
    RC.el('div', {class: 'card-body'},
      RC.el('h2', {class: 'h6 card-title'}, title),
      RC.el('p', {class: 'card-text text-muted small mb-2'}, text),
      ...body));
  const link = (href, label, id, primary) => RC.el('a', {
    class: 'btn btn-sm me-2 ' + (primary ? 'btn-primary' : 'btn-outline-primary'), href, id, download: ''}, label);

  const ledger = card('整改台账',
    '全部问题和整改措施，含统计表及问题、整改措施、责任、时限四张清单。修改后可在“台账”页面导入。',
    link(base + '/exports/xlsx', '下载 Excel 台账', 'paper-xlsx', true),
    link(base + '/exports/csv', '下载 CSV', 'paper-csv'));

  const weeklyDate = RC.el('input', {class: 'form-control form-control-sm', type: 'date', id: 'paper-weekly-date', value: today});
  const weeklyWord = link('', '下载 Word', 'paper-weekly-docx', true);
  const weeklyPrint = RC.el('a', {class: 'btn btn-sm btn-outline-primary', id: 'paper-weekly-html', target: '_blank', rel: 'noopener'}, '打印版');
  const setWeekly = () => {
    const q = '?date=' + encodeURIComponent(weeklyDate.value || today);
    weeklyWord.href = base + '/reports/weekly' + q;
    weeklyPrint.href = base + '/reports/weekly' + q + '&format=html';
  };
  weeklyDate.addEventListener('change', setWeekly);
  setWeekly();
  const weekly = card('整改工作通报',
    '截至所选日期的办结率、各责任领导和部门情况、逾期事项和下周到期事项。',
    RC.el('div', {class: 'row g-2 align-items-end'},
      RC.el('div', {class: 'col-auto'}, RC.el('label', {class: 'form-label small mb-0', for: 'paper-weekly-date'}, '截至日期'), weeklyDate),
      RC.el('div', {class: 'col-auto'}, weeklyWord, weeklyPrint)));

  const field = (name, label, hint) => RC.el('div', {class: 'col-md-4'},
    RC.el('label', {class: 'form-label small mb-0', for: 'paper-final-' + name}, label),
    RC.el('input', {class: 'form-control form-control-sm', id: 'paper-final-' + name, name, placeholder: hint}));
  const finalForm = RC.el('form', {class: 'row g-2 align-items-end', id: 'paper-final-form'},
    field('authority', '报送机关', '如：区委'),
    field('group', '巡察组', '如：区委第三巡察组'),
    field('period', '巡察时间', '如：2023年3月至5月'),
    RC.el('div', {class: 'col-12'},
      RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit', id: 'paper-final-docx'}, '下载 Word')));
  finalForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const el of finalForm.elements) if (el.name && el.value.trim()) q.set(el.name, el.value.trim());
    location.href = base + '/reports/final' + (q.toString() ? '?' + q.toString() : '');
  });
  const report = card('整改情况报告',
    '按整改情况报告的格式，由台账生成全文；未填写的内容在文中以【请填写】标出，下载后补充即可。',
    finalForm);

  RC.show(RC.title('材料下载'), ledger, weekly, report);
};
