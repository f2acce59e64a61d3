import { createHeadlessEditor } from '@lexical/headless';
import { withDOM } from '@lexical/headless/dom';
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { $convertFromMarkdownString, $convertToMarkdownString } from '@lexical/markdown';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $getRoot, $insertNodes } from 'lexical';
import * as Y from 'yjs';
import { EDITOR_NODES, EDITOR_NAMESPACE, MARKDOWN_TRANSFORMERS } from '../app/editor/nodes';

const provider = { awareness: { getLocalState: () => null, getStates: () => new Map(), on() {}, off() {}, setLocalState() {}, setLocalStateField() {} }, connect() {}, disconnect() {}, on() {}, off() {} } as unknown as Provider;

function mk() {
  const doc = new Y.Doc();
  const editor = createHeadlessEditor({ namespace: EDITOR_NAMESPACE, nodes: [...EDITOR_NODES], onError: (e) => { throw e; } });
  const binding = createYjsBinding({ editor, id: 'x', doc, docMap: new Map([['x', doc]]) });
  return { doc, editor, binding };
}
function write(fn: () => void) {
  const { doc, editor, binding } = mk();
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags));
  editor.update(fn, { discrete: true });
  return Y.encodeStateAsUpdate(doc);
}
function read(update: Uint8Array) {
  const { doc, editor, binding } = mk();
  const shared = binding.root.getSharedType();
  const obs = (events: Y.YEvent<any>[], txn: Y.Transaction) => { if (txn.origin !== binding) syncYjsChangesToLexical(binding, provider, events as any, false, () => {}); };
  shared.observeDeep(obs);
  Y.applyUpdate(doc, update);
  editor.update(() => {}, { discrete: true });
  shared.unobserveDeep(obs);
  return editor;
}
const md = `# Title

Some **bold** and *italic* and ~~strike~~ text with a [link](https://example.org) and [bad](javascript:alert(1)).

## Sub

> A quote
> second line

- one
- two
    - nested
        1. deep num

1. first
2. second

---

| A | B |
| --- | --- |
| 1 | **2** |
| x \\| y | z |

#### deep heading
`;
const t0 = performance.now();
const state = write(() => $convertFromMarkdownString(md, MARKDOWN_TRANSFORMERS, undefined, false, true));
console.log('state bytes', state.length, performance.now() - t0);
const ed = read(state);
console.log(ed.getEditorState().read(() => $convertToMarkdownString(MARKDOWN_TRANSFORMERS)));
console.log(withDOM(() => ed.getEditorState().read(() => $generateHtmlFromNodes(ed, null))));
console.log(JSON.stringify(ed.getEditorState().toJSON()).slice(0, 3000));

const html = `<p>Hello <b>bold</b> <span style="font-weight:700">gdocs bold</span> <a href="javascript:alert(1)">x</a></p><h4>h4</h4><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><hr><ul><li>a<ul><li>b</li></ul></li></ul><script>alert(1)</script>`;
const st2 = write(() => {
  const dom = withDOM((w) => new w.DOMParser().parseFromString(html, 'text/html'));
  $getRoot().clear();
});
const st3 = withDOM((w) => write(() => { const dom = new w.DOMParser().parseFromString(html, 'text/html'); const nodes = $generateNodesFromDOM(createHeadlessEditor(), dom); $getRoot().clear(); $getRoot().select(); $insertNodes(nodes); }));
void st2;
const ed3 = read(st3);
console.log(withDOM(() => ed3.getEditorState().read(() => $generateHtmlFromNodes(ed3, null))));
import { $isTableNode } from '@lexical/table';
withDOM(() => ed.getEditorState().read(() => {
  const t = $getRoot().getChildren().find($isTableNode)!;
  console.log('table?', !!t);
  const out = t.exportDOM(ed);
  console.log('el', (out.element as HTMLElement)?.outerHTML);
  const after = out.after?.(out.element as HTMLElement);
  console.log('after', after && (after as HTMLElement).outerHTML);
}, { editor: ed }));
