// 人员: the people of the ledger (GET /people) with their roles, channels and time zone; add
// one (POST /people), edit one (PATCH /people/{id}: only the fields changed are sent) and
// deactivate one (POST /people/{id}/deactivate). A refusal is shown at its field.
'use strict';

RC.roleNames = {owner: '责任人', leader: '责任领导', chief: '主要负责人', office: '办公室'};
RC.personFields = [
  {name: 'name', label: '姓名'}, {name: 'title', label: '职务'}, {name: 'department', label: '部门'},
  {name: 'email', label: '电子邮件'}, {name: 'mobile', label: '手机'}, {name: 'wecom_id', label: '企业微信'},
  {name: 'dingtalk_id', label: '钉钉'}, {name: 'feishu_id', label: '飞书'}, {name: 'time_zone', label: '时区'},
];

/// The form of one person: empty to add (POST /people), filled to edit (PATCH /people/{id}).
RC.personForm = (person, after) => {
  const id = person ? 'p' + person.id : 'new-person';
  const inputs = {};
  const feedback = {};
  const general = RC.el('div', {class: 'text-danger small', 'data-error': 'form'});
  const fields = RC.personFields.map((f) => {
    const fid = id + '-' + f.name;
    inputs[f.name] = RC.el('input', {class: 'form-control form-control-sm', id: fid, name: f.name, value: person ? person[f.name] : null,
      placeholder: f.name === 'time_zone' ? '默认为单位时区' : null});
    feedback[f.name] = RC.el('div', {class: 'invalid-feedback', 'data-error': f.name});
    return RC.el('div', {class: 'col-md-4'}, RC.el('label', {class: 'form-label small mb-0', for: fid}, f.label), inputs[f.name], feedback[f.name]);
  });
  const had = new Set(person ? person.roles.split(',').filter((r) => r) : []);
  const boxes = Object.entries(RC.roleNames).map(([role, label]) => {
    const box = RC.el('input', {class: 'form-check-input', type: 'checkbox', id: id + '-role-' + role, value: role, checked: had.has(role)});
    return [role, box, RC.el('div', {class: 'form-check form-check-inline'}, box, RC.el('label', {class: 'form-check-label small', for: id + '-role-' + role}, label))];
  });
  feedback.roles = RC.el('div', {class: 'small text-danger', 'data-error': 'roles'});
  const button = RC.el('button', {class: 'btn btn-sm btn-primary', type: 'submit', id: id + '-submit'}, person ? '保存' : '添加');
  const form = RC.el('form', {class: 'row g-2', id: id + '-form', novalidate: true}, fields,
    RC.el('div', {class: 'col-12'}, RC.el('span', {class: 'small text-muted me-2'}, '角色'), boxes.map((b) => b[2]), feedback.roles),
    RC.el('div', {class: 'col-12'}, button, general));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    general.textContent = '';
    for (const [n, input] of Object.entries(inputs)) { input.classList.remove('is-invalid'); feedback[n].textContent = ''; }
    feedback.roles.textContent = '';
    const body = {};
    for (const [n, input] of Object.entries(inputs)) {
      const v = input.value.trim();
      if (person ? v !== person[n] : v !== '') body[n] = v;
    }
    const roles = boxes.filter((b) => b[1].checked).map((b) => b[0]).join(',');
    if (person ? roles !== person.roles : roles !== '') body.roles = roles;
    button.disabled = true;
    const r = person ? await RC.api('PATCH', '/people/' + person.id, body) : await RC.api('POST', '/people', body);
    button.disabled = false;
    if (r.ok) { after((person ? '已保存 ' : '已添加 ') + r.data.name); return; }
    const field = RC.errorLocation(r).replace(/^\//, '');
    if (inputs[field]) { inputs[field].classList.add('is-invalid'); feedback[field].textContent = RC.errorText(r); }
    else if (field === 'roles') feedback.roles.textContent = RC.errorText(r);
    else general.textContent = RC.errorText(r);
  });
  return form;
};

RC.pages.people = async (route) => {
  const p = route.params;
  const showAll = p.get('all') === 'true';
  const r = await RC.api('GET', '/people?limit=1000');
  if (!r.ok) {
    RC.show(RC.title('人员'), RC.alert('danger', RC.errorText(r), 'people-error'));
    return;
  }
  const after = (done) => RC.go('#/people?done=' + encodeURIComponent(done) + '&t=' + Date.now() + (showAll ? '&all=true' : ''));
  const people = r.data.items.filter((x) => showAll || x.active);
  const channels = (x) => [['email', '邮件'], ['mobile', '手机'], ['wecom_id', '企业微信'], ['dingtalk_id', '钉钉'], ['feishu_id', '飞书']]
    .filter(([k]) => x[k]).map(([k, label]) => label + ' ' + x[k]).join('；') || '—';
  const rows = people.map((x) => {
    const cells = [
      RC.el('td', {class: 'text-nowrap fw-semibold'}, x.name, x.active ? null : RC.el('span', {class: 'badge text-bg-secondary ms-1'}, '已停用')),
      RC.el('td', {}, [x.title, x.department].filter((v) => v).join(' · ') || '—'),
      RC.el('td', {'data-field': 'roles'}, x.roles.split(',').filter((v) => v).map((v) => RC.roleNames[v] || v).join('、') || '—'),
      RC.el('td', {class: 'small', 'data-field': 'channels'}, channels(x)),
      RC.el('td', {class: 'small text-nowrap'}, x.time_zone || '单位时区'),
    ];
    let edit = null;
    if (RC.canAct()) {
      const message = RC.el('div', {class: 'small text-danger'});
      edit = RC.el('tr', {class: 'd-none', 'data-edit': x.id}, RC.el('td', {colspan: 6},
        RC.el('div', {class: 'border rounded p-2 bg-white'}, RC.personForm(x, after))));
      const toggle = RC.el('button', {class: 'btn btn-sm btn-outline-primary', type: 'button', 'data-action': 'edit'}, '修改');
      toggle.addEventListener('click', () => edit.classList.toggle('d-none'));
      const deactivate = x.active ? RC.el('button', {class: 'btn btn-sm btn-outline-danger', type: 'button', 'data-action': 'deactivate'}, '停用') : null;
      if (deactivate) deactivate.addEventListener('click', async () => {
        const d = await RC.api('POST', '/people/' + x.id + '/deactivate');
        if (d.ok) after('已停用 ' + x.name);
        else message.textContent = RC.errorText(d);
      });
      cells.push(RC.el('td', {class: 'text-nowrap'}, RC.el('div', {class: 'd-flex gap-1'}, toggle, x.active ? RC.revokeLinksButtons(x, message, after) : null, deactivate), message));
    }
    return [RC.el('tr', {'data-id': x.id, 'data-name': x.name}, cells), edit];
  });
  const notice = p.get('done');
  RC.show(
    RC.title('人员', RC.el('span', {class: 'text-muted small', id: 'people-total'}, '共 ' + people.length + ' 人')),
    notice ? RC.alert('success', notice, 'action-done') : null,
    RC.canAct() ? RC.el('details', {class: 'card card-body mb-3', id: 'add-person'},
      RC.el('summary', {class: 'fw-semibold'}, '添加人员'), RC.el('div', {class: 'mt-2'}, RC.personForm(null, after))) : null,
    RC.el('div', {class: 'mb-2 small'}, RC.el('a', {href: showAll ? '#/people' : '#/people?all=true', id: 'toggle-inactive'},
      showAll ? '只看在职人员' : '也显示已停用的人员')),
    RC.el('div', {class: 'card card-body'}, RC.el('table', {class: 'table table-sm mb-0', id: 'people'},
      RC.el('thead', {}, RC.el('tr', {}, ['姓名', '职务', '角色', '联系渠道', '时区'].concat(RC.canAct() ? ['办理'] : []).map((h) => RC.el('th', {}, h)))),
      RC.el('tbody', {}, rows.flat()))));
};
