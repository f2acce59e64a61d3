import { withDOM } from '@lexical/headless/dom';
withDOM((w) => {
  const d = w.document;
  const div = d.createElement('div');
  const t = d.createElement('table'); div.append(t);
  t.replaceWith(t);
  console.log(JSON.stringify(div.innerHTML));
});
