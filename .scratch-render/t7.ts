import { sanitizeHtml } from '../app/collab/sanitize-html.server';
const cases = [
  '<script>alert(1)</script><p>ok</p>',
  '<img src=x onerror=alert(1)>text',
  '<a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a> <a href="java&#9;script:alert(1)">tab</a> <a href="https://ok.org" onclick="x()" style="color:red" target="_blank">ok</a> <a href="mailto:a@b.org">mail</a>',
  '<svg onload=alert(1)><script>alert(1)</script></svg><style>body{}</style><iframe src="https://evil"></iframe>after',
  '<p style="color:red" class="x" id="y" onmouseover="z">styled</p>',
  '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-size:11pt;font-weight:700;">Bold</span><span style="font-style:italic">It</span><span style="text-decoration:underline">U</span><span style="text-decoration:line-through">S</span> plain</p></b>',
  '<div>loose <b>b</b></div><div><p>para</p>trail</div>',
  '<ul><li>a <b>b</b> <i>c</i></li><ul><li>nested</li></ul><li>d<ol><li>e</li></ol></li></ul>',
  '<blockquote><p>a</p>\n<p>b</p>\n</blockquote>',
  '<table><caption>cap</caption><thead><tr><th colspan="2x">h</th></tr></thead><tr><td colspan="2" rowspan="3" style="x" onclick="y">c</td></tr></table>',
  '<h4>h4</h4><h1 onclick="x">h1</h1><pre>line1\nline2<script>bad()</script></pre>',
  '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"</p>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math><form action="x"><input value="v">formtext</form>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<p>a<br>b</p><p>&nbsp;</p><p><br></p>',
  '<a href="https://x.org"><div>block in link</div></a>',
];
for (const c of cases) console.log(c, '\n  =>', sanitizeHtml(c));
