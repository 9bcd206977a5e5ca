#!/usr/bin/env python3
"""Fills the English plural forms in translations/seekbench_en.ts (run after lupdate).

The sources are English already; only messages with %n need a translation, so that
"%n run(s) compared" reads "1 run compared" and "3 runs compared". The rule below
writes both forms from the "(s)"/"(es)" marks; SPECIAL holds the sentences whose verb
or pronoun changes too. tests/ui/test_translations reports a form left empty.
    /usr/lib/qt6/bin/lupdate -pluralonly -no-obsolete -locations none \\
        -source-language en -target-language en ui widgets -ts translations/seekbench_en.ts
    python3 translations/fill_en.py
"""
import re
import sys
import xml.etree.ElementTree as ET

SPECIAL = {
    '%n run(s) died while Seekbench was closed and are marked crashed': (
        '%n run died while Seekbench was closed and is marked crashed',
        '%n runs died while Seekbench was closed and are marked crashed'),
    '%n run(s) of this project are still training. Leave them running? You can reattach to them by opening the project again.': (
        '%n run of this project is still training. Leave it running? You can reattach to it by opening the project again.',
        '%n runs of this project are still training. Leave them running? You can reattach to them by opening the project again.'),
}


def forms(source):
    if source in SPECIAL:
        return SPECIAL[source]
    one = re.sub(r'\((e?s)\)', '', source)
    many = re.sub(r'\((e?s)\)', r'\1', source)
    return one, many


def main(path):
    tree = ET.parse(path)
    for message in tree.iter('message'):
        if message.get('numerus') != 'yes':
            continue
        source = message.find('source').text
        translation = message.find('translation')
        one, many = forms(source)  # the same when the English does not change
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop('type', None)
        translation.text = '\n            '
        for i, text in enumerate((one, many)):
            form = ET.SubElement(translation, 'numerusform')
            form.text = text
            form.tail = '\n            ' if i == 0 else '\n        '
    tree.write(path, encoding='utf-8', xml_declaration=True)
    with open(path, 'r+', encoding='utf-8') as f:  # lupdate's header
        text = f.read().replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
        f.seek(0)
        f.write(text.rstrip('\n') + '\n')
        f.truncate()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'translations/seekbench_en.ts'))
