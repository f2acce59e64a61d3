import { withSafeDOM, parseFragment } from '../app/collab/safe-dom.server';
for (const h of ['<svg onload=alert(1)><script>alert(1)</script></svg>after1', '<style>body{}</style>after2', '<iframe src="https://evil"></iframe>after3', '<svg><p>x</p></svg>after4']) withSafeDOM((w) => {
  const f = parseFragment(w, h);
  const d = w.document.createElement('div'); d.append(f.cloneNode(true) as any);
  console.log(h, '=>', d.innerHTML, Array.from(f.childNodes).map((n: any) => n.nodeName));
});
