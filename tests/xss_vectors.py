"""The XSS corpus of tests/test_security_xss.py: what an attacker pastes into a field.

Written for this project (issue 9), after the classes in the OWASP XSS filter evasion cheat
sheet and the html5sec.org list: script tags, event handlers, ``javascript:``/``data:``/
``vbscript:`` URLs with entity, whitespace and case tricks, SVG/MathML, ``</script>`` inside
JSON, quotes that break out of attributes, Markdown link and image tricks, mutation XSS.

Every vector is one line (header values are one line) and contains ``{n}``: the test replaces it
with a number naming the field and the vector, so an execution says where it came from. Each
vector runs ``alert``, ``confirm`` or ``prompt`` (hooked in the browser) when it works.
"""

VECTORS = (
    # script elements
    "<script>alert({n})</script>",
    "<SCRIPT>alert({n})</SCRIPT>",
    "<script src=data:text/javascript,alert({n})></script>",
    "<scr<script>ipt>alert({n})</scr</script>ipt>",
    '"><script>alert({n})</script>',
    "'><script>alert({n})</script>",
    "</script><script>alert({n})</script>",
    "</title><script>alert({n})</script>",
    "</textarea><script>alert({n})</script>",
    "--><script>alert({n})</script>",
    '<script type="text/javascript">confirm({n})</script>',
    "\u2028</script><script>prompt({n})</script>",
    "<<script>alert({n});//<</script>",
    "<svg><script>alert({n})</script></svg>",
    # event handlers
    "<img src=x onerror=alert({n})>",
    '<img src=x onerror="alert({n})">',
    "<IMG SRC=x ONERROR=alert({n})>",
    "<svg onload=alert({n})>",
    "<svg/onload=alert({n})>",
    "<body onload=alert({n})>",
    "<details open ontoggle=alert({n})>",
    "<input autofocus onfocus=alert({n})>",
    "<video><source onerror=alert({n})></video>",
    "<audio src=x onerror=alert({n})>",
    "<marquee onstart=alert({n})>x</marquee>",
    "<x onclick=alert({n})>klik</x>",
    "<img src=x onerror=&#97;lert({n})>",
    '<img src="x" onerror="&#x61;&#x6c;&#x65;&#x72;&#x74;({n})">',
    "<img/src=x/onerror=alert({n})>",
    "<img src=x onerror\t=alert({n})>",
    "<img src=x:alert({n}) onerror=eval(src)>",
    "<svg><animate onbegin=alert({n}) attributeName=x dur=1s>",
    "<style onload=alert({n})></style>",
    # attribute and template breakouts
    '" onmouseover="alert({n})',
    "' onmouseover='alert({n})",
    '" autofocus onfocus="alert({n})" x="',
    '"/><img src=x onerror=alert({n})>',
    "{{ '<img src=x onerror=alert({n})>' }}{% raw %}",
    '\\"}}</script><img src=x onerror=alert({n})>',
    "\\u003cimg src=x onerror=alert({n})\\u003e",
    # URLs
    "javascript:alert({n})",
    "JaVaScRiPt:alert({n})",
    " javascript:alert({n})",
    "java\tscript:alert({n})",
    "jav&#x09;ascript:alert({n})",
    "&#106;avascript:alert({n})",
    "javascript&colon;alert({n})",
    "javascript://example.org/%0Aalert({n})",
    "vbscript:msgbox({n})",
    "data:text/html,<script>alert({n})</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{n}",
    'https://example.org/"onmouseover="alert({n})',
    "//example.org/x.js?{n}",
    '<a href="javascript:alert({n})">x</a>',
    '<a href="jav&#x0A;ascript:alert({n})">x</a>',
    '<a href=" &#14;javascript:alert({n})">x</a>',
    '<iframe src="javascript:alert({n})"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert({n})&lt;/script&gt;"></iframe>',
    '<form action="javascript:alert({n})"><button>x</button></form>',
    '<button formaction="javascript:alert({n})">x</button>',
    '<object data="javascript:alert({n})"></object>',
    '<embed src="javascript:alert({n})">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert({n})">',
    '<base href="javascript:alert({n})//">',
    '<div style="background:url(javascript:alert({n}))">x</div>',
    # SVG and MathML
    '<svg><a xlink:href="javascript:alert({n})"><text x=20 y=20>x</text></a></svg>',
    '<svg><a href="javascript:alert({n})"><text x=20 y=20>x</text></a></svg>',
    "<svg><foreignObject><img src=x onerror=alert({n})></foreignObject></svg>",
    '<math href="javascript:alert({n})">x</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>",
    '<noscript><p title="</noscript><img src=x onerror=alert({n})>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert({n})>">',
    # Markdown link and image tricks
    "[x](javascript:alert({n}))",
    "[x](JAVASCRIPT:alert({n}))",
    "[x](<javascript:alert({n})>)",
    "![x](javascript:alert({n}))",
    '![x" onerror="alert({n})](x)',
    '[x](x" onmouseover="alert({n}))',
    "<javascript:alert({n})>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{n})",
    "`<script>alert({n})</script>`",
    "[<img src=x onerror=alert({n})>](https://example.org/)",
)

assert len(VECTORS) >= 60 and all("{n}" in vector for vector in VECTORS)
