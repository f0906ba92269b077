#!/usr/bin/env python3
"""Convert the Reuters-21578 SGML files into dupdrift's JSON Lines input.

Usage: scripts/reuters-to-jsonl.py REUTERS_DIR > reuters.jsonl

One line per story with a body: id (NEWID), title, published (DATE), text (BODY).
The corpus is for research use only: keep the output out of the repository.
"""
import html
import json
import pathlib
import re
import sys

STORY = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)


def field(name, story):
    m = re.search(rf"<{name}>(.*?)</{name}>", story, re.S)
    return html.unescape(m.group(1)).replace("\x03", "").strip() if m else ""


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in sorted(pathlib.Path(sys.argv[1]).glob("reut2-*.sgm")):
        for newid, story in STORY.findall(path.read_text(encoding="latin-1")):
            body = field("BODY", story)
            if body:
                record = {"id": f"reuters-{newid}", "source": "Reuters", "title": field("TITLE", story),
                          "published": field("DATE", story), "lang": "en", "text": body}
                print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
