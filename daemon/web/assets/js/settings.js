// 设置: the configuration in force (GET /config; a secret shown only as 已设置 or 未设置), and
// the configuration file in an editor (its inline secrets replaced by a placeholder that keeps
// them). 校验 posts the text to /config/validate; 保存并生效 validates it, then writes it with
// PUT /config, which reloads; 重新加载 re-reads the file on disk (POST /config/reload). Every
// error is shown at its line and column with the line marked; a refused text is kept as typed.
'use strict';

/// A call whose body is the configuration's text, not JSON.
RC.apiText = async (method, path, text) => {
  const res = await fetch('/api/v1' + path, {
    method, credentials: 'same-origin', body: text,
    headers: {'Accept': 'application/json', 'Content-Type': 'text/plain; charset=utf-8',
      'X-CSRF-Token': RC.session ? RC.session.csrf_token : ''},
  });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  return {ok: res.ok, status: res.status, data};
};

/// The editor: a textarea without wrapping, line numbers beside it, and a band behind each line
/// with an error. `mark(lines)` marks those lines (1-based) and shows the first.
RC.configEditor = (text) => {
  const lineHeight = 20;
  const pad = 8;
  const area = RC.el('textarea', {class: 'config-text form-control', id: 'config-text', spellcheck: 'false', wrap: 'off', 'aria-label': '配置文件'});
  area.value = text;
  const gutter = RC.el('div', {class: 'config-gutter', 'aria-hidden': 'true'});
  const bands = RC.el('div', {class: 'config-bands', 'aria-hidden': 'true'});
  let marked = [];
  const layout = () => {
    const n = area.value.split('\n').length;
    if (gutter.childElementCount !== n) {
      gutter.replaceChildren(...Array.from({length: n}, (_, i) => RC.el('div', {'data-line': i + 1}, i + 1)));
    }
    for (const g of gutter.querySelectorAll('.error-line')) g.classList.remove('error-line');
    for (const l of marked) { const g = gutter.children[l - 1]; if (g) g.classList.add('error-line'); }
    gutter.scrollTop = area.scrollTop;
    bands.replaceChildren(...marked.map((l) => {
      const b = RC.el('div', {class: 'config-band', 'data-line': l});
      b.style.top = (pad + (l - 1) * lineHeight - area.scrollTop) + 'px';
      return b;
    }));
  };
  area.addEventListener('scroll', layout);
  area.addEventListener('input', layout);
  const box = RC.el('div', {class: 'config-editor'}, gutter, RC.el('div', {class: 'config-body'}, bands, area));
  const mark = (lines) => {
    marked = [...new Set(lines.filter((l) => l > 0))];
    if (marked.length > 0) {
      const starts = area.value.split('\n').reduce((acc, line) => { acc.push(acc[acc.length - 1] + line.length + 1); return acc; }, [0]);
      const l = marked[0];
      area.focus();
      area.setSelectionRange(starts[l - 1], Math.max(starts[l - 1], starts[l] - 1));
      area.scrollTop = Math.max(0, (l - 4) * lineHeight);
    }
    layout();
  };
  requestAnimationFrame(layout);
  return {box, area, mark};
};

RC.pages.settings = async (route) => {
  const r = await RC.api('GET', '/config');
  if (!r.ok) {
    RC.show(RC.title('设置'), RC.alert('danger', RC.errorText(r), 'settings-error'));
    return;
  }
  const d = r.data;
  const notice = route.params.get('done');

  // The configuration in force, table by table.
  const rows = [];
  let table = null;
  for (const e of d.entries) {
    if (e.table !== table) {
      table = e.table;
      rows.push(RC.el('tr', {class: 'table-light'}, RC.el('th', {colspan: 2, class: 'small'}, '[' + table + ']')));
    }
    const name = e.key.slice(table.length + 1);
    const value = e.secret
      ? RC.el('span', {class: 'badge ' + (e.set ? 'text-bg-success' : 'text-bg-secondary'), 'data-secret': e.set ? 'set' : 'unset'}, e.set ? '已设置' : '未设置')
      : RC.el('span', {class: 'config-value'}, e.value);
    rows.push(RC.el('tr', {'data-key': e.key}, RC.el('td', {class: 'small text-nowrap'}, name), RC.el('td', {class: 'small'}, value)));
  }
  const inForce = RC.el('div', {class: 'card card-body'},
    RC.el('h2', {class: 'h6'}, '当前生效的配置'),
    RC.el('div', {class: 'small text-muted mb-2'}, '来源：' + (d.source || '内置默认配置') + '。密钥只显示是否已设置。'),
    RC.el('div', {class: 'config-table'}, RC.el('table', {class: 'table table-sm mb-0', id: 'config-in-force'}, RC.el('tbody', {}, rows))));

  let editorCard = null;
  if (RC.canAct() && d.file && d.file.text !== undefined) {
    const ed = RC.configEditor(d.file.text);
    const result = RC.el('div', {id: 'config-result', class: 'mt-2'});
    const button = (id, kind, label) => RC.el('button', {class: 'btn btn-sm btn-' + kind, type: 'button', id}, label);
    const check = button('config-validate', 'outline-primary', '校验');
    const save = button('config-save', 'primary', '保存并生效');
    const reload = button('config-reload', 'outline-secondary', '重新加载');
    const showErrors = (res) => {
      const details = (res.data && res.data.error && res.data.error.details) || [];
      const list = details.filter((x) => typeof x === 'object');
      ed.mark(list.map((x) => x.line));
      result.replaceChildren(RC.el('div', {class: 'alert alert-danger mb-0', id: 'config-errors'},
        RC.el('div', {class: 'fw-semibold mb-1'}, list.length > 0 ? '配置有 ' + list.length + ' 处错误，未作任何修改：' : RC.errorText(res)),
        list.length === 0 && details.length > 0 ? RC.el('ul', {class: 'mb-0 small'}, details.map((x) => RC.el('li', {}, String(x)))) : null,
        list.length > 0 ? RC.el('ul', {class: 'mb-0 small'}, list.map((x) => RC.el('li', {'data-line': x.line, 'data-column': x.column},
          RC.el('a', {href: '#', class: 'link-danger', onclick: (ev) => { ev.preventDefault(); ed.mark([x.line]); }},
            x.line > 0 ? '第 ' + x.line + ' 行第 ' + x.column + ' 列' : '文件'), '：' + x.message))) : null));
    };
    const busy = (on) => { for (const b of [check, save, reload]) b.disabled = on; };
    const validate = async () => {
      const res = await RC.apiText('POST', '/config/validate', ed.area.value);
      if (!res.ok) { showErrors(res); return null; }
      ed.mark([]);
      return res.data;
    };
    check.addEventListener('click', async () => {
      busy(true);
      const v = await validate();
      busy(false);
      if (!v) return;
      result.replaceChildren(RC.el('div', {class: 'alert alert-success mb-0', id: 'config-valid'},
        v.changes.length === 0 ? '校验通过，与当前配置相同。' : '校验通过，保存后将有以下变化：',
        v.changes.length ? RC.el('ul', {class: 'mb-0 small'}, v.changes.map((c) => RC.el('li', {}, c))) : null));
    });
    save.addEventListener('click', async () => {
      busy(true);
      const v = await validate();
      const res = v ? await RC.apiText('PUT', '/config', ed.area.value) : null;
      busy(false);
      if (!res) return;
      if (!res.ok) { showErrors(res); return; }
      RC.go('#/settings?done=' + encodeURIComponent('已保存并生效（' + res.data.changes.length + ' 项变化）') + '&t=' + Date.now());
    });
    reload.addEventListener('click', async () => {
      busy(true);
      const res = await RC.api('POST', '/config/reload');
      busy(false);
      if (!res.ok) { showErrors(res); return; }
      RC.go('#/settings?done=' + encodeURIComponent('已重新加载配置文件') + '&t=' + Date.now());
    });
    editorCard = RC.el('div', {class: 'card card-body'},
      RC.el('h2', {class: 'h6'}, '配置文件'),
      RC.el('div', {class: 'small text-muted mb-2'}, d.file.path + '。直接写在文件中的密钥显示为“（已设置，保存时保持原值）”，保存时保持原值；先校验，无误后保存，保存即生效。'),
      ed.box,
      RC.el('div', {class: 'd-flex gap-2 mt-2'}, check, save, reload),
      result);
  } else if (RC.canAct() && d.file && d.file.error) {
    editorCard = RC.alert('warning', '配置文件当前无法读取，请先修正：' + d.file.error, 'config-file-error');
  }

  RC.show(
    RC.title('设置'),
    notice ? RC.alert('success', notice + '。', 'action-done') : null,
    RC.el('div', {class: 'row g-3'},
      editorCard ? RC.el('div', {class: 'col-xl-7'}, editorCard) : null,
      RC.el('div', {class: editorCard ? 'col-xl-5' : 'col-12'}, inForce)));
};
