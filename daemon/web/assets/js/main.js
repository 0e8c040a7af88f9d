// Starts the console: routes on every change of the address, logs out from the bar.
'use strict';

window.addEventListener('hashchange', () => RC.route());
document.getElementById('logout').addEventListener('click', async () => {
  await RC.api('DELETE', '/session');
  RC.session = null;
  RC.go('#/login');
});
RC.route();
