"""Hostile text for the injection tests (issue 8): generated, no network.

Every payload that *runs* -- as script in the page, or as a template on the exporting machine --
leaves a trace the tests look for: script creates an element with the id :data:`MARKER_ID` (spelt in
pieces, so the payload's own text never contains it), and a Jinja payload writes a file into the
test's marker folder.
"""

from __future__ import annotations

from pathlib import Path

#: id of the element a payload's script would create.
MARKER_ID = "atlas-pwned"
#: JavaScript that leaves the marker when it runs.
PWN = "(function(){var e=document.createElement('i');e.id='atlas'+'-pwned';document.documentElement.appendChild(e)})()"


def payloads(marker_dir: Path) -> list[str]:
    """The corpus: markup and script, attribute and string breakouts, dangerous URLs, template
    syntax of Jinja, Mustache, Leaflet and JavaScript templates, format strings, broken comments,
    U+2028/U+2029, NUL, a very long string, prototype keys. Jinja payloads write into ``marker_dir``.

    Returns
    -------
    list of str
        At least 40 distinct payloads.
    """
    m = str(marker_dir)
    out = [
        # markup and script
        f"<script>{PWN}</script>",
        f"<img src=x onerror=\"{PWN}\">",
        f"<svg onload=\"{PWN}\"></svg>",
        f"\"><img src=x onerror={PWN}>",
        f"'><svg/onload={PWN}>",
        f"</script><script>{PWN}</script>",
        f"</SCRIPT ><script>{PWN}</script>",
        f"<!--<script>{PWN}</script>-->",
        "<!--",
        "-->",
        f"<![CDATA[<script>{PWN}</script>]]>",
        f"]]></script><script>{PWN}</script>",
        f"<iframe srcdoc=\"<script>parent.eval(&quot;{PWN}&quot;)</script>\"></iframe>",
        f"<details open ontoggle=\"{PWN}\">",
        f"<body onload=\"{PWN}\">",
        f"<math><mtext><table><mglyph><style><img src=x onerror=\"{PWN}\">",
        f"<noscript><p title=\"</noscript><img src=x onerror={PWN}>\">",
        f"<base href=\"javascript:{PWN}//\">",
        f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{PWN}\">",
        f"<form action=\"javascript:{PWN}\"><input type=submit></form>",
        f"<a href=\"javascript:{PWN}\">click me</a>",
        # URLs that must never become links
        f"javascript:{PWN}",
        f" JaVaScRiPt:{PWN}",
        f"java\tscript:{PWN}",
        f"data:text/html,<script>{PWN}</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        # URLs that may be links, but only as http(s) and nothing more
        f"http://example.com/\"onmouseover=\"{PWN}",
        "https://example.com/<script>?a=1&b=2",
        # URLs whose text shows one place and whose target is another: never links
        "https://\u202e@evil.example/elpmaxe.knab.www",
        "https://www.bank.example@evil.example/login",
        "https://user:pass@evil.example/",
        # CSS
        f"</style><script>{PWN}</script>",
        f"<style>*{{background:url(\"javascript:{PWN}\")}}</style>",
        f"red;background:url(javascript:{PWN})",
        f"expression({PWN})",
        # JavaScript string and template breakouts
        f"\"; {PWN}; \"",
        f"'); {PWN}; ('",
        f"\\\"; {PWN}; //",
        "${" + PWN + "}",
        f"\\u003cscript\\u003e{PWN}\\u003c/script\\u003e",
        # template syntax: Jinja (run on the exporting machine), Mustache, Leaflet's L.Util.template
        "{{ 7*7 }}",
        "{% for i in range(3) %}X{% endfor %}",
        "{# a comment #}{% raw %}raw{% endraw %}",
        "{{ self.__init__.__globals__.__builtins__.open('" + m + "/jinja-open','w').write('1') }}",
        "{{ lipsum.__globals__['os'].popen('touch " + m + "/jinja-lipsum').read() }}",
        "{{ cycler.__init__.__globals__.os.popen('touch " + m + "/jinja-cycler').read() }}",
        "{{#items}}{{name}}{{/items}}{{{triple}}}",
        "{name} {x} {y}",
        # format strings
        "%s %d %(name)s %%",
        "{0} {name} {0.__class__.__mro__}",
        # text that must read exactly as typed
        "&lt;script&gt;already escaped&lt;/script&gt;",
        "line\u2028separator\u2029paragraph",
        "nul\x00byte",
        "\u202eevil right-to-left override",
        "南宁 中国—东盟 🌏 ภาษาไทย",
        "__proto__",
        "constructor",
        "x" * 100_000,
    ]
    assert len(out) == len(set(out)) >= 40
    return out


def file_stem(payload: str) -> str:
    """A file name stem carrying ``payload`` as far as a POSIX file system allows ("/" and NUL
    replaced by "_", at most 200 bytes of UTF-8)."""
    text = payload.replace("/", "_").replace("\x00", "_")
    return text.encode("utf-8")[:200].decode("utf-8", "ignore") or "_"
