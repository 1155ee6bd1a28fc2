#!/usr/bin/env python3
"""Checks the direction of dependencies between the project's folders, from #include lines.

- app -> ui -> core, never backwards; core never includes QtWidgets.
- Inside core, the folders' include graph has no cycle (storage knows nothing of accounts or
  vault, and so on up); the allowed order is whatever the graph itself gives, so a new folder
  needs no edit here, only no cycle.

Prints each offending include and exits 1. Usage: check-layers.py SOURCE_DIR
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def sources(root, top):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in files:
            if f.endswith(('.h', '.cpp')):
                path = os.path.join(dirpath, f)
                with open(path, encoding='utf-8') as fh:
                    yield os.path.relpath(path, root), INCLUDE.findall(fh.read())


def folder_of(rel):
    parts = rel.split('/')
    return parts[1] if len(parts) > 2 else None


def main(root):
    problems = []
    core_folders = {d for d in os.listdir(os.path.join(root, 'core')) if os.path.isdir(os.path.join(root, 'core', d))}
    def headers(top):
        base = os.path.join(root, top)
        return {os.path.relpath(os.path.join(d, f), base) for d, _, fs in os.walk(base) for f in fs
                if f.endswith('.h')}
    ui_headers = headers('ui')
    # ui and core share feature folders (records/ in both); a header of the same path in both
    # would make an include mean whichever the compiler finds first.
    for h in sorted(ui_headers & headers('core')):
        problems.append(f'ui/{h} and core/{h}: one path names two headers; rename the ui one')
    edges = {}  # (from, to) -> example include
    for rel, includes in sources(root, 'core'):
        src = folder_of(rel)
        for inc in includes:
            if inc.startswith('QtWidgets') or inc in ('QWidget', 'QDialog', 'QApplication', 'QMessageBox'):
                problems.append(f'{rel}: core includes QtWidgets ({inc})')
            head = inc.split('/')[0]
            if '/' in inc and head in core_folders and src and head != src:
                edges.setdefault((src, head), f'{rel} includes "{inc}"')
            if inc in ui_headers or ('/' not in inc and any(os.path.basename(h) == inc for h in ui_headers)):
                problems.append(f'{rel}: core includes a ui header ({inc})')
    for rel, includes in sources(root, 'ui'):
        for inc in includes:
            if inc.startswith('cli/'):
                problems.append(f'{rel}: ui includes the command-line front end ({inc})')
            # One seam for standard dialogs, so tests can answer every question the desk asks.
            if inc in ('QMessageBox', 'QFileDialog', 'QInputDialog') and rel != os.path.join('ui', 'common', 'Ask.cpp'):
                problems.append(f'{rel}: ui asks through {inc} directly; use ui/common/Ask.h')

    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
    # Every cycle is reported once, through its strongly connected component (Tarjan).
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    for comp in comps:
        members = set(comp)
        problems.append('core folders depend on each other in a cycle: ' + ' <-> '.join(comp))
        for (a, b), example in sorted(edges.items()):
            if a in members and b in members:
                problems.append(f'    {a} -> {b}: {example}')
    for p in problems:
        print(p)
    if problems:
        print(f'check-layers: {len(problems)} problem(s); dependencies must run app -> ui -> core, and one way inside core')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))
