#!/usr/bin/env python3
"""No "record(s)" on screen: every count a person reads is a proper English plural.

A tr() string with %n is read through the British translation (resources/translations), which gives
"1 record" and "2 records"; this check fails when such a string has no plural forms there (under the
context Qt looks it up by: the class whose method calls tr(), or QObject). Any other string literal
holding "(s)" (the audit log, the command line, which no translation reaches) fails too: those use
text::count() instead.

Usage: check-plurals.py SOURCE_DIR   (exit 1 and a list of what to mend when anything is wrong)
"""
import html
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

LITERAL = r'"(?:[^"\\\n]|\\.)*"'
TR_CALL = re.compile(r'\b(?:(\w+)::)?tr\(\s*((?:' + LITERAL + r'\s*)+)')
ANY_LITERAL = re.compile(LITERAL)
DEFINITION = re.compile(r'^(?:[A-Za-z_][\w:<>,]*[\s*&]+)*?(\w+)::~?\w+\(', re.M)


def unescape(concatenated):
    parts = ANY_LITERAL.findall(concatenated)
    text = ''.join(p[1:-1] for p in parts)
    return bytes(text, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def translations(ts_path):
    found = set()
    for context in ET.parse(ts_path).getroot().iter('context'):
        name = context.findtext('name')
        for message in context.iter('message'):
            forms = message.findall('translation/numerusform')
            if message.get('numerus') == 'yes' and len(forms) == 2 and all(f.text for f in forms):
                found.add((name, html.unescape(message.findtext('source'))))
    return found


def main(root):
    root = pathlib.Path(root)
    known = translations(root / 'resources/translations/clinicdesk_en_GB.ts')
    problems = []
    for path in sorted(p for d in ('core', 'ui', 'app') for p in (root / d).rglob('*.cpp')):
        source = path.read_text(encoding='utf-8')
        # The innermost namespace the file opens (Qt names a context by the class's full name).
        opened = re.findall(r'^namespace (cd(?:::\w+)*) \{', source, re.MULTILINE)
        namespace = (max(opened, key=len) if opened else 'cd') + '::'
        definitions = [(m.start(), m.group(1)) for m in DEFINITION.finditer(source)]
        plural_spans = []
        for call in TR_CALL.finditer(source):
            text = unescape(call.group(2))
            if '%n' not in text:
                continue
            plural_spans.append(call.span(2))
            if call.group(1) == 'QObject':
                context = 'QObject'
            elif call.group(1):
                context = namespace + call.group(1)
            else:
                before = [name for start, name in definitions if start < call.start()]
                context = namespace + before[-1] if before else 'QObject'
            if (context, text) not in known:
                line = source.count('\n', 0, call.start()) + 1
                problems.append(f'{path.relative_to(root)}:{line}: no plural forms for "{text}" '
                                f'in context {context} (add them to clinicdesk_en_GB.ts)')
        for literal in ANY_LITERAL.finditer(source):
            if '(s)' not in literal.group(0):
                continue
            if any(start <= literal.start() < end for start, end in plural_spans):
                continue
            line = source.count('\n', 0, literal.start()) + 1
            problems.append(f'{path.relative_to(root)}:{line}: "(s)" outside a translated plural: '
                            f'{literal.group(0)} (use text::count or tr("%n …"))')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
