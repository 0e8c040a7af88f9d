// The 台账 page's choices of category (GET /stats, per_category) and problem (GET /problems;
// only the chosen category's when one is chosen), as {value: text} for its selects.
'use strict';

RC.ledgerFilterOptions = async (p) => {
  const [stats, problems] = await Promise.all([RC.api('GET', '/stats'), RC.api('GET', '/problems?limit=1000')]);
  const categories = {};
  if (stats.ok) for (const c of stats.data.per_category) categories[c.id] = c.title;
  const list = {};
  const category = p.get('category_id');
  if (problems.ok) {
    for (const x of problems.data.items) {
      if (category && String(x.category_id) !== category) continue;
      const title = x.title.length > 24 ? x.title.slice(0, 24) + '…' : x.title;
      list[x.id] = '问题' + x.number + ' ' + title;
    }
  }
  return {categories, problems: list};
};
