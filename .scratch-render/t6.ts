import { createHeadlessEditor } from '@lexical/headless';
import { $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, $insertNodes } from 'lexical';
import { EDITOR_NODES } from '../app/editor/nodes';
import { withSafeDOM, parseFragment } from '../app/collab/safe-dom.server';
const cases = [
  '<blockquote><p>a</p><p>b</p></blockquote>',
  '<blockquote>x<br>y</blockquote>',
  '<ul><li><p>a</p><p>b</p></li><li>c<ul><li>d</li></ul></li></ul>',
  '<ul><li>a</li><ul><li>nested</li></ul></ul>',
  '<table><tr><td>x</td><td><p>y</p><p>z</p></td></tr></table>',
  '<p>a <s>s</s> <u>u</u> <strong>b</strong> <em>i</em> <del>d</del> <strike>st</strike></p>',
  '<p>loose text <b>bold</b></p>',
  '<h5>h5</h5>',
  '<p><a href="https://x.org" rel="noopener noreferrer" title="t">l</a></p>',
  '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>',
  '<p>a</p><hr><p>b</p>',
];
for (const html of cases) {
  const editor = createHeadlessEditor({ nodes: [...EDITOR_NODES], onError: (e) => { throw e; } });
  withSafeDOM((w) => {
    editor.update(() => { const nodes = $generateNodesFromDOM(editor, parseFragment(w, html)); $getRoot().clear().select(); $insertNodes(nodes); }, { discrete: true });
  });
  const json = editor.getEditorState().toJSON();
  const strip = (n: any): any => n.children ? { t: n.type + (n.tag ? ':' + n.tag : '') + (n.headerState ? ':hdr' + n.headerState : '') + (n.colSpan > 1 ? ':cs' + n.colSpan : '') + (n.url ? ':' + n.url + ':' + n.rel + ':' + n.title : ''), c: n.children.map(strip) } : n.type === 'text' ? `${n.text}${n.format ? '/' + n.format : ''}` : n.type;
  console.log(html, '\n   =>', JSON.stringify(strip(json.root).c));
}
