#!/usr/bin/python3
"""Checks a Seekbench HTML report with a real parser (Python's html.parser).

    check_report_html.py FILE [--contains TEXT]... [--absent TEXT]...

Passes (exit 0) when the document is well-formed enough (a doctype, every non-void element
closed in order), self-contained (no <script>, no <link>, no <iframe>/<object>/<embed>,
every src/href a "#fragment" or a data: URI, no url() or @import in CSS), and its text
(entities decoded, tags dropped) contains every --contains and no --absent. Otherwise
prints each problem and exits 1.
"""

import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "frame", "base", "form", "applet"}
URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "poster", "background", "srcset", "data",
                  "cite", "longdesc", "manifest", "ping"}


class ReportChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.text = []
        self.doctype = False
        self.in_style = False
        self.seen = set()

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype html"):
            self.doctype = True

    def check_tag(self, tag, attrs):
        self.seen.add(tag)
        if tag in FORBIDDEN:
            self.problems.append(f"{self.where()}: <{tag}> is not allowed in a self-contained report")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{self.where()}: event handler attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and not (value.startswith("#") or value.startswith("data:")):
                self.problems.append(f"{self.where()}: <{tag} {name}=\"{value[:80]}\"> points outside the document")
            if name == "style" and ("url(" in value.lower() or "expression(" in value.lower()):
                self.problems.append(f"{self.where()}: style attribute loads a resource: {value[:80]}")

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        # <x/>: SVG's empty elements; opens and closes at once.
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> closes nothing")
            return
        open_tag, opened_at = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"{self.where()}: </{tag}> closes <{open_tag}> opened at {opened_at}")

    def handle_data(self, data):
        if self.in_style:
            lowered = data.lower()
            if "url(" in lowered or "@import" in lowered or "@font-face" in lowered:
                self.problems.append(f"{self.where()}: the style sheet loads an external resource")
            return
        self.text.append(data)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path = argv[1]
    contains, absent = [], []
    i = 2
    while i < len(argv):
        if argv[i] in ("--contains", "--absent") and i + 1 < len(argv):
            (contains if argv[i] == "--contains" else absent).append(argv[i + 1])
            i += 2
        else:
            print(f"unknown argument {argv[i]}")
            return 2
    with open(path, encoding="utf-8") as f:
        source = f.read()
    checker = ReportChecker()
    checker.feed(source)
    checker.close()
    problems = checker.problems
    if not checker.doctype:
        problems.append("no <!DOCTYPE html>")
    for tag, opened_at in checker.stack:
        problems.append(f"<{tag}> opened at {opened_at} is never closed")
    for needed in ("html", "head", "title", "body", "meta", "style"):
        if needed not in checker.seen:
            problems.append(f"no <{needed}>")
    if 'name="viewport"' not in source:
        problems.append("no <meta name=\"viewport\">: the report would not read on a phone")
    if "@media print" not in source:
        problems.append("no @media print style")
    text = "".join(checker.text)
    for wanted in contains:
        if wanted not in text:
            problems.append(f"the text does not contain {wanted!r}")
    for unwanted in absent:
        if unwanted in text:
            problems.append(f"the text contains {unwanted!r}")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"ok: {path} ({len(source)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
