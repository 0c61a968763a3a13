"""Helpers for the translation catalogues (run by hand; needs requirements-dev).

python scripts/i18n.py export locale/nb/LC_MESSAGES/django.po out.json [--chunks N]
    writes the untranslated or fuzzy entries as JSON lists: [{"msgid", "msgid_plural"}]
python scripts/i18n.py apply locale/nb/LC_MESSAGES/django.po in.json [in2.json ...]
    fills msgstr from JSON objects {"msgid", "msgstr"} or {"msgid", "msgstr_plural": [one, other]}
python scripts/i18n.py copy-english locale/en/LC_MESSAGES/django.po
    the English catalogue: msgstr = msgid
"""

import json
import sys

import polib


def _pending(po):
    return [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def export(path, out, chunks=1):
    po = polib.pofile(path)
    items = [{"msgid": e.msgid, "msgid_plural": e.msgid_plural or None} for e in _pending(po)]
    size = max(1, -(-len(items) // chunks))
    for n in range(chunks):
        part = items[n * size : (n + 1) * size]
        name = out if chunks == 1 else out.replace(".json", f"-{n + 1}.json")
        with open(name, "w", encoding="utf-8") as handle:
            json.dump(part, handle, ensure_ascii=False, indent=1)
        print(name, len(part))


def apply(path, *sources):
    po = polib.pofile(path, wrapwidth=0)
    by_id = {e.msgid: e for e in po}
    done = 0
    for source in sources:
        with open(source, encoding="utf-8") as handle:
            for item in json.load(handle):
                entry = by_id.get(item["msgid"])
                if entry is None:
                    continue
                if entry.msgid_plural:
                    forms = item.get("msgstr_plural") or [item.get("msgstr")] * 2
                    entry.msgstr_plural = {0: forms[0], 1: forms[1]}
                else:
                    entry.msgstr = item["msgstr"]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                done += 1
    po.save(path)
    print(f"{done} entries filled, {len(_pending(po))} still pending")


def copy_english(path):
    po = polib.pofile(path, wrapwidth=0)
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(path)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "export":
        chunks = 1
        if "--chunks" in args:
            i = args.index("--chunks")
            chunks = int(args[i + 1])
            del args[i : i + 2]
        export(*args, chunks=chunks)
    elif command == "apply":
        apply(*args)
    elif command == "copy-english":
        copy_english(*args)
    else:
        sys.exit(__doc__)
