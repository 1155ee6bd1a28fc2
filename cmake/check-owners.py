#!/usr/bin/env python3
"""Checks that every table of the schema has one owner: the one file of core whose SQL names it.

The tables are those core/storage/Migrations.cpp creates; a file names a table when one of its
string literals (adjacent literals joined, raw strings included) says FROM, JOIN, INTO, UPDATE or
TABLE before the table's name. Migrations are exempt; other services call the owner, and the
walkers that follow the data map read through storage/Rows, which composes its SQL from the data
map's declarations. An owner is a class: its files are the one named as its header and those named
after it that have no header of their own and define its members (ClientStore.cpp and
ClientStoreSearch.cpp, beside ClientStore.h, the second defining ClientStore::...). Prints each table
named by more than one owner and exits 1.
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


def owner(path):
    """The class a source file belongs to: its own header's name, or the longest name of a header
    beside it that its name starts with, when it defines that class's members."""
    folder, name = os.path.split(path)
    stem = name[:-len('.cpp')]
    if os.path.exists(os.path.join(folder, stem + '.h')):
        return path
    with open(path, encoding='utf-8') as f:
        text = f.read()
    classes = [h[:-2] for h in os.listdir(folder) if h.endswith('.h') and stem.startswith(h[:-2])
               and re.search(r'\b' + re.escape(h[:-2]) + r'::\w', text)]
    return os.path.join(folder, max(classes, key=len) + '.cpp') if classes else path


def main(root):
    migrations = os.path.join(root, 'core', 'storage', 'Migrations.cpp')
    with open(migrations, encoding='utf-8') as f:
        tables = set(CREATE.findall(literals(f.read())))
    users = {t: set() for t in tables}
    for dirpath, _, files in os.walk(os.path.join(root, 'core')):
        for name in files:
            path = os.path.join(dirpath, name)
            if not name.endswith('.cpp') or os.path.samefile(path, migrations):
                continue
            with open(path, encoding='utf-8') as f:
                sql = literals(f.read())
            for t in tables:
                if re.search(r'\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+' + re.escape(t) + r'\b',
                             sql, re.I):
                    users[t].add(os.path.relpath(path, root))
    owners = {t: {owner(os.path.join(root, f)) for f in fs} for t, fs in users.items()}
    problems = [f'table {t} is named in the SQL of {len(fs)} files: ' + ', '.join(sorted(fs))
                for t, fs in sorted(users.items()) if len(owners[t]) > 1]
    for p in problems:
        print(p)
    if problems:
        print('Give each table one owner: the others call it (or read through storage/Rows).')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
