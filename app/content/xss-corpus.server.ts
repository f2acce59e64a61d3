/**
 * Test support: markup that tries to run script, load something or restyle
 * the page, and the checks every sanitized output must pass. Used by the
 * sanitizer and render tests.
 */
import { expect } from 'vitest';

export const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<a href="java&#09;script:alert(1)">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="&#x20;javascript:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="//evil.example/">click</a>',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>body { background: url(javascript:alert(1)) }</style>',
  '<p style="background-image: url(javascript:alert(1))">styled</p>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>x</details>',
  '<p onclick="alert(1)" onmouseover=alert(1)>handlers</p>',
  '<body onload=alert(1)>body</body>',
  '<div style="position:fixed;top:0">overlay</div>',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<a href="https://ok.example/" onclick="alert(1)" style="color:red" target="_blank">ok</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<table background="javascript:alert(1)"><tr><td onmouseover=alert(1)>cell</td></tr></table>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<!--<script>alert(1)</script>-->',
  '<p>text<!-- comment --><![CDATA[<script>alert(1)</script>]]></p>',
  '<xmp><script>alert(1)</script></xmp>',
  '<select><option><script>alert(1)</script></option></select>',
  '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">title</p>',
  '<a href="https://ok.example/&quot;onmouseover=&quot;alert(1)">quote</a>',
];

/** Assertions that hold for any output of the sanitizer. */
export function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/javascript:/i);
  expect(html).not.toMatch(/vbscript:/i);
  expect(html).not.toMatch(/data:/i);
  expect(html).not.toMatch(/<(?:iframe|object|embed|svg|math|img|style|form|input|meta|link|base|template)\b/i);
  // Every tag is one of the allow-list, with only the allowed attributes
  // (text may mention "onerror=", escaped; a tag may not carry it).
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    expect(ALLOWED_TAGS).toContain(name);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/style=/i);
    const names = [...attributes.matchAll(/\s([a-z-]+)=/gi)].map((m) => m[1]);
    for (const attribute of names) expect(['href', 'rel', 'colspan', 'rowspan']).toContain(attribute);
  }
}

const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'br', 'ul', 'ol', 'li', 'a',
  'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'span',
];

