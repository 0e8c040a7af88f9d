// 总览's 办结率 trend: the figures kept once a day since the round began (GET /stats/trend),
// the last point today as it stands now, drawn as a line with Debian's Chart.js.
'use strict';

RC.trendChart = null;

/// The card; the chart is drawn into it once the series has come.
RC.trendCard = () => {
  const canvas = RC.el('canvas', {id: 'trend-chart', 'aria-label': '办结率趋势', role: 'img'});
  const note = RC.el('div', {class: 'small text-muted', id: 'trend-note'});
  const card = RC.el('div', {class: 'card card-body mb-3', id: 'trend'},
    RC.el('h2', {class: 'h6'}, '办结率趋势（每日）'), RC.el('div', {class: 'trend-box'}, canvas), note);
  (async () => {
    const r = await RC.api('GET', '/stats/trend');
    if (!r.ok) { note.textContent = RC.errorText(r); return; }
    const items = r.data.items;
    card.dataset.points = items.length;
    note.textContent = (r.data.round_began ? '自 ' + r.data.round_began + ' 整改开始' : '自开始记录') +
      '，共 ' + items.length + ' 天；最后一点为当前数据。';
    if (RC.trendChart) RC.trendChart.destroy();
    RC.trendChart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: items.map((x) => x.day.slice(5)),
        datasets: [{label: '办结率', data: items.map((x) => Math.round(x.completion_rate * 1000) / 10),
          borderColor: '#0d6efd', backgroundColor: 'rgba(13, 110, 253, .12)', fill: true, tension: 0.2,
          pointRadius: items.length > 60 ? 0 : 3}],
      },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: {legend: {display: false},
          tooltip: {callbacks: {title: (c) => items[c[0].dataIndex].day,
            label: (c) => '办结率 ' + c.parsed.y.toFixed(1) + '%（已办结 ' + (items[c.dataIndex].closed + items[c.dataIndex].ongoing + items[c.dataIndex].not_applicable) + ' / ' + items[c.dataIndex].measures + '）'}}},
        scales: {y: {min: 0, max: 100, ticks: {callback: (v) => v + '%'}}, x: {ticks: {maxTicksLimit: 12}}},
      },
    });
  })();
  return card;
};
