// A pending extension request's decision on the measure page: 批准 (POST
// /extensions/{id}/approve) or 不批准 with a reason (POST /extensions/{id}/reject); the owner is
// told either way. `after(label)` runs once the server accepted it.
'use strict';

RC.extensionActions = (e, after) => {
  if (!RC.canAct() || e.state !== 'pending') return null;
  const message = RC.el('div', {class: 'small text-danger', 'data-error': 'extension'});
  const reason = RC.el('input', {class: 'form-control form-control-sm', id: 'reject-reason-' + e.id, placeholder: '不批准的理由'});
  const decide = async (verb, button, label) => {
    message.textContent = '';
    button.disabled = true;
    const r = await RC.api('POST', '/extensions/' + e.id + '/' + verb, verb === 'reject' && reason.value.trim() ? {reason: reason.value.trim()} : {});
    button.disabled = false;
    if (r.ok) after(label);
    else message.textContent = RC.errorText(r);
  };
  const approve = RC.el('button', {class: 'btn btn-sm btn-success', type: 'button', 'data-action': 'extension-approve', 'data-extension': e.id}, '批准');
  approve.addEventListener('click', () => decide('approve', approve, '批准延期至 ' + e.new_due));
  const reject = RC.el('button', {class: 'btn btn-sm btn-outline-danger', type: 'button', 'data-action': 'extension-reject', 'data-extension': e.id}, '不批准');
  reject.addEventListener('click', () => decide('reject', reject, '不批准延期'));
  return RC.el('div', {class: 'd-grid gap-1'}, RC.el('div', {class: 'd-flex gap-1'}, approve, reject), reason, message);
};
