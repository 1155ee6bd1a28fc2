#!/usr/bin/env python3
"""Checks that every table of the schema has one owner: the one file of core whose SQL names it.

The tables are those the migrations (core/storage/Migrations*.cpp) create; a file names a table when one of its
string literals (adjacent literals joined, raw strings included) says FROM, JOIN, INTO, UPDATE or
TABLE before the table's name. Migrations are exempt; other services call the owner, and the
walkers that follow the data map read through storage/Rows, which composes its SQL from the data
map's declarations. Prints each table named in more than one file and exits 1.
Usage: check-owners.py SOURCE_DIR
"""
import os
import re
import sys

LITERAL = re.compile(r'R"(\w*)\((.*?)\)\1"|"((?:[^"\\\n]|\\.)*)"', re.S)
CREATE = re.compile(r'CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)', re.I)


def literals(text):
    # Comments first, so a commented-out statement or an apostrophe in prose does not count.
    text = re.sub(r'//[^\n]*', '', re.sub(r'/\*.*?\*/', '', text, flags=re.S))
    return ' '.join(m.group(2) if m.group(2) is not None else (m.group(3) or '')
                    for m in LITERAL.finditer(text))


def main(root):
    storage = os.path.join(root, 'core', 'storage')
    migrations = [os.path.join(storage, n) for n in sorted(os.listdir(storage))
                  if n.startswith('Migrations') and n.endswith('.cpp')]
    tables = set()
    for path in migrations:
        with open(path, encoding='utf-8') as f:
            tables |= set(CREATE.findall(literals(f.read())))
    users = {t: set() for t in tables}
    for dirpath, _, files in os.walk(os.path.join(root, 'core')):
        for name in files:
            path = os.path.join(dirpath, name)
            if not name.endswith('.cpp') or any(os.path.samefile(path, m) for m in migrations):
                continue
            with open(path, encoding='utf-8') as f:
                sql = literals(f.read())
            for t in tables:
                if re.search(r'\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+' + re.escape(t) + r'\b',
                             sql, re.I):
                    users[t].add(os.path.relpath(path, root))
    problems = [f'table {t} is named in the SQL of {len(fs)} files: ' + ', '.join(sorted(fs))
                for t, fs in sorted(users.items()) if len(fs) > 1]
    for p in problems:
        print(p)
    if problems:
        print('Give each table one owner: the others call it (or read through storage/Rows).')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
