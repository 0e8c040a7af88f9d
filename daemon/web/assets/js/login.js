// 登录: name and password; a refusal (wrong password) and a throttled state (too many failures)
// are shown under the form, the name kept.
'use strict';

RC.pages.login = async () => {
  const name = RC.el('input', {class: 'form-control', id: 'login-name', name: 'name', autocomplete: 'username', required: true});
  const password = RC.el('input', {class: 'form-control', id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const message = RC.el('div', {id: 'login-message'});
  const submit = RC.el('button', {class: 'btn btn-primary w-100', type: 'submit', id: 'login-submit'}, '登录');
  const form = RC.el('form', {class: 'card card-body', novalidate: true},
    RC.el('h1', {class: 'h5 mb-3 text-center'}, '巡察整改控制台'),
    RC.el('div', {class: 'mb-3'}, RC.el('label', {class: 'form-label', for: 'login-name'}, '账号（姓名）'), name),
    RC.el('div', {class: 'mb-3'}, RC.el('label', {class: 'form-label', for: 'login-password'}, '密码'), password),
    message, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.replaceChildren();
    if (!name.value || !password.value) {
      message.replaceChildren(RC.alert('danger', '请填写账号和密码。'));
      return;
    }
    submit.disabled = true;
    const r = await RC.api('POST', '/session', {name: name.value, password: password.value});
    submit.disabled = false;
    if (r.ok) {
      RC.session = r.data;
      RC.go('#/overview');
      return;
    }
    password.value = '';
    password.focus();
    if (r.status === 429) message.replaceChildren(RC.alert('warning', RC.errorText(r), 'login-throttled'));
    else message.replaceChildren(RC.alert('danger', RC.errorText(r), 'login-refused'));
  });
  RC.show(RC.el('div', {class: 'login-box'}, form));
  name.focus();
};
