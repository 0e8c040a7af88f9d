// The 人员 page's 收回个人链接: every live personal link of the person stops working (POST
// /people/{id}/links/revoke, audited as links.revoke); asked to confirm first. Messages sent
// later carry a new link.
'use strict';

RC.revokeLinksButtons = (x, message, after) => {
  const confirm = RC.el('button', {class: 'btn btn-sm btn-danger d-none', type: 'button', 'data-action': 'revoke-confirm'}, '确认收回');
  const revoke = RC.el('button', {class: 'btn btn-sm btn-outline-secondary', type: 'button', 'data-action': 'revoke-links',
    title: '已发出的个人链接全部失效；此后的消息附新的链接'}, '收回个人链接');
  revoke.addEventListener('click', () => { revoke.classList.add('d-none'); confirm.classList.remove('d-none'); });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    const r = await RC.api('POST', '/people/' + x.id + '/links/revoke');
    confirm.disabled = false;
    if (r.ok) after('已收回 ' + x.name + ' 的个人链接 ' + r.data.revoked + ' 个');
    else message.textContent = RC.errorText(r);
  });
  return [revoke, confirm];
};
