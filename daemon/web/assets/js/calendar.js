// 日历: one year of working days as a month grid (GET /calendar?year=): holidays, makeup
// working days (调休上班) and the unit's own days marked; the coverage warning when the calendar
// ends within the warning period or before the ledger's last due date; and the import of a
// newly published year's schedule (POST /calendar/import, the holiday-cn JSON file).
'use strict';

RC.dayKinds = {
  holiday: ['法定节假日', 'cal-holiday'], makeup: ['调休上班', 'cal-makeup'],
  extra_off: ['本单位休息日', 'cal-extra-off'], extra_workday: ['本单位工作日', 'cal-extra-on'],
  weekend: ['周末', 'cal-weekend'], workday: ['工作日', 'cal-workday'],
};
RC.yearSources = {builtin: '内置', imported: '导入', none: '未收录（仅按周末计算）'};

/// One month: weeks from Monday, each day coloured by its kind.
RC.monthGrid = (month, days) => {
  const first = new Date(days[0].date + 'T00:00:00Z').getUTCDay();
  const lead = (first + 6) % 7;
  const cells = Array.from({length: lead}, () => null).concat(days);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return RC.el('div', {class: 'col'}, RC.el('div', {class: 'card card-body p-2 h-100', 'data-month': month},
    RC.el('div', {class: 'fw-semibold small mb-1'}, month + ' 月'),
    RC.el('table', {class: 'cal-month'},
      RC.el('thead', {}, RC.el('tr', {}, ['一', '二', '三', '四', '五', '六', '日'].map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, weeks.map((w) => RC.el('tr', {}, Array.from({length: 7}, (_, i) => {
        const d = w[i];
        if (!d) return RC.el('td', {});
        const [label, cls] = RC.dayKinds[d.kind] || ['', ''];
        return RC.el('td', {class: cls, 'data-date': d.date, 'data-kind': d.kind,
          title: d.date + ' ' + (d.name ? d.name + ' ' : '') + label},
        Number(d.date.slice(8)),
        d.kind === 'makeup' || d.kind === 'extra_workday' ? RC.el('span', {class: 'cal-tag'}, '班') : null,
        d.kind === 'holiday' || d.kind === 'extra_off' ? RC.el('span', {class: 'cal-tag'}, '休') : null);
      })))))));
};

/// The import form: a holiday-cn JSON file, sent as it is with its name.
RC.calendarImport = (after) => {
  const input = RC.el('input', {class: 'form-control form-control-sm', type: 'file', id: 'calendar-file', accept: '.json,application/json'});
  const message = RC.el('div', {class: 'small mt-2', id: 'calendar-import-message'});
  const button = RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit', id: 'calendar-import'}, '导入');
  const form = RC.el('form', {class: 'd-flex gap-2 align-items-center', novalidate: true}, input, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.replaceChildren();
    const file = input.files[0];
    if (!file) { message.replaceChildren(RC.el('span', {class: 'text-danger'}, '请选择节假日安排文件（JSON）。')); return; }
    button.disabled = true;
    const text = await file.text();
    const r = await RC.apiText('POST', '/calendar/import?source=' + encodeURIComponent(file.name), text);
    button.disabled = false;
    if (r.ok) { after(r.data); return; }
    const where = RC.errorLocation(r);
    message.replaceChildren(RC.el('div', {class: 'alert alert-danger mb-0 py-2', id: 'calendar-import-error'},
      '未导入：' + RC.errorText(r) + (where && RC.errorText(r).indexOf(where) < 0 ? '（' + where + '）' : '')));
  });
  return RC.el('div', {}, form, message);
};

RC.pages.calendar = async (route) => {
  const year = Number(route.params.get('year')) || new Date().getFullYear();
  const r = await RC.api('GET', '/calendar?year=' + year);
  if (!r.ok) {
    RC.show(RC.title('日历'), RC.alert('danger', RC.errorText(r), 'calendar-error'));
    return;
  }
  const d = r.data;
  const cov = d.coverage;
  const byMonth = Array.from({length: 12}, () => []);
  for (const day of d.days) byMonth[Number(day.date.slice(5, 7)) - 1].push(day);
  const count = (k) => d.days.filter((x) => x.kind === k).length;
  const workdays = d.days.filter((x) => x.workday).length;

  const warnings = [];
  if (cov.first_uncovered) {
    warnings.push('自 ' + cov.first_uncovered + ' 起没有节假日安排（今后 ' + cov.warning_days + ' 天内），这些日子只按周末计算。');
  }
  if (cov.first_uncovered_due && cov.first_uncovered_due !== cov.first_uncovered) {
    warnings.push('台账中最晚的期限为 ' + cov.latest_due + '，自 ' + cov.first_uncovered_due + ' 起日历没有节假日安排，期限前的工作日只按周末计算。');
  }
  const warning = warnings.length === 0 ? null : RC.el('div', {class: 'alert alert-warning', id: 'coverage-warning'},
    warnings.map((w) => RC.el('div', {}, w)),
    RC.el('div', {}, '请在国务院办公厅发布放假安排后导入当年的节假日安排。'));

  const legend = RC.el('div', {class: 'd-flex flex-wrap gap-3 small mb-3'},
    ['holiday', 'makeup', 'extra_off', 'extra_workday', 'weekend'].map((k) =>
      RC.el('span', {class: 'd-inline-flex align-items-center gap-1'}, RC.el('span', {class: 'cal-swatch ' + RC.dayKinds[k][1]}), RC.dayKinds[k][0])));
  const nav = RC.el('div', {class: 'btn-group btn-group-sm'},
    RC.el('a', {class: 'btn btn-outline-primary', href: '#/calendar?year=' + (year - 1), id: 'year-prev'}, '‹ ' + (year - 1)),
    RC.el('span', {class: 'btn btn-primary disabled', id: 'calendar-year'}, year + ' 年'),
    RC.el('a', {class: 'btn btn-outline-primary', href: '#/calendar?year=' + (year + 1), id: 'year-next'}, (year + 1) + ' ›'));
  const done = route.params.get('done');
  const summary = RC.el('div', {class: 'card card-body mb-3'},
    RC.el('div', {class: 'd-flex flex-wrap gap-4 small', id: 'calendar-summary'},
      RC.el('span', {}, '节假日安排：', RC.el('strong', {id: 'calendar-source'}, RC.yearSources[d.source] || d.source)),
      RC.el('span', {}, '工作日 ', RC.el('strong', {id: 'calendar-workdays'}, workdays), ' 天'),
      RC.el('span', {}, '法定节假日 ', RC.el('strong', {}, count('holiday')), ' 天'),
      RC.el('span', {}, '调休上班 ', RC.el('strong', {}, count('makeup')), ' 天'),
      RC.el('span', {}, '本单位休息日 ', RC.el('strong', {}, count('extra_off')), ' 天、工作日 ', RC.el('strong', {}, count('extra_workday')), ' 天'),
      RC.el('span', {}, '已收录年份：' + (d.covered_years.join('、') || '无'))),
    RC.el('div', {class: 'small text-muted mt-1'}, '本单位的休息日和工作日在设置中的 [calendar] extra_days_off、extra_workdays 修改。'));
  const importCard = RC.canAct() ? RC.el('div', {class: 'card card-body mb-3'},
    RC.el('h2', {class: 'h6'}, '导入节假日安排'),
    RC.el('div', {class: 'small text-muted mb-2'}, '国务院办公厅发布的全年放假安排，holiday-cn 格式的 JSON 文件（{year, papers, days}）。导入后同一年原有的安排被替换，期限与会议随即按新的工作日计算。'),
    RC.calendarImport((res) => RC.go('#/calendar?year=' + res.year + '&done=' + encodeURIComponent(
      '已导入 ' + res.year + ' 年节假日安排：放假 ' + res.days_off + ' 天，调休上班 ' + res.workdays + ' 天') + '&t=' + Date.now()))) : null;
  RC.show(
    RC.title('日历', nav),
    done ? RC.alert('success', done + '。', 'action-done') : null,
    warning, summary, legend,
    RC.el('div', {class: 'row row-cols-1 row-cols-md-3 row-cols-xl-4 g-2 mb-3', id: 'calendar'},
      byMonth.map((days, i) => RC.monthGrid(i + 1, days))),
    importCard);
};
