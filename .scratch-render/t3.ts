import { withDOM } from '@lexical/headless/dom';
import http from 'node:http';
const hits: string[] = [];
const server = http.createServer((req, res) => { hits.push(req.url!); res.end('<html><body>hi</body></html>'); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as any).port;
const html = `<iframe src="http://127.0.0.1:${port}/iframe"></iframe><link rel="stylesheet" href="http://127.0.0.1:${port}/css"><img src="http://127.0.0.1:${port}/img"><script src="http://127.0.0.1:${port}/js"></script><object data="http://127.0.0.1:${port}/obj"></object><embed src="http://127.0.0.1:${port}/embed"><video src="http://127.0.0.1:${port}/video"></video><style>@import url(http://127.0.0.1:${port}/import);</style><svg><image href="http://127.0.0.1:${port}/svgimg"/></svg><script>globalThis.PWNED=1</script><img src=x onerror="globalThis.PWNED2=1">`;
withDOM((w) => {
  const doc = new w.DOMParser().parseFromString(html, 'text/html');
  console.log(doc.body.children.length);
  const t = w.document.createElement('template'); t.innerHTML = html; console.log('tpl', t.content.childNodes.length);
});
await new Promise((r) => setTimeout(r, 1500));
console.log('hits', hits, (globalThis as any).PWNED, (globalThis as any).PWNED2);
server.close();
