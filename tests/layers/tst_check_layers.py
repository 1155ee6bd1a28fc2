#!/usr/bin/env python3
"""The layer check can fail: trees with a cycle between core's folders, core including QtWidgets,
and ui including the command-line front end are refused with the include named; the project's own
tree passes. Usage: tst_check_layers.py CHECKER SOURCE_DIR"""
import os
import subprocess
import sys
import tempfile

checker, source = sys.argv[1], sys.argv[2]


def run(root):
    p = subprocess.run([sys.executable, checker, root], capture_output=True, text=True)
    return p.returncode, p.stdout


def tree(files):
    root = tempfile.mkdtemp(prefix='layers-')
    for path, text in files.items():
        os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(root, path), 'w', encoding='utf-8') as f:
            f.write(text)
    for top in ('core', 'ui', 'app'):
        os.makedirs(os.path.join(root, top), exist_ok=True)
    return root


failures = []


def expect(name, files, code, words):
    rc, out = run(tree(files))
    if rc != code or any(w not in out for w in words):
        failures.append(f'{name}: exit {rc}, output:\n{out}')


expect('one way', {'core/storage/Sql.h': '#include "common/Result.h"\n', 'core/common/Result.h': '',
                   'core/vault/Vault.h': '#include "storage/Sql.h"\n'}, 0, [])
expect('cycle', {'core/storage/Sql.h': '#include "accounts/Access.h"\n',
                 'core/accounts/Access.cpp': '#include "storage/Sql.h"\n'}, 1,
       ['cycle', 'accounts <-> storage', 'core/storage/Sql.h includes "accounts/Access.h"'])
expect('three-folder cycle', {'core/a/A.h': '#include "b/B.h"\n', 'core/b/B.h': '#include "c/C.h"\n',
                              'core/c/C.cpp': '#include "a/A.h"\n'}, 1, ['a <-> b <-> c'])
expect('widgets in core', {'core/clients/X.cpp': '#include <QMessageBox>\n'}, 1, ['core includes QtWidgets'])
expect('ui reads the terminal', {'ui/MainWindow.cpp': '#include "cli/Terminal.h"\n'}, 1, ['command-line front end'])
expect('core includes a ui header', {'core/clients/X.cpp': '#include "records/PaymentsTab.h"\n',
                                     'ui/records/PaymentsTab.h': ''}, 1, ['core includes a ui header'])
expect('one path, two headers', {'core/records/Quotes.h': '', 'ui/records/Quotes.h': ''}, 1,
       ['ui/records/Quotes.h and core/records/Quotes.h'])
expect('a dialog past the seam', {'ui/records/X.cpp': '#include <QFileDialog>\n'}, 1, ['use ui/common/Ask.h'])
rc, out = run(source)
if rc != 0:
    failures.append('the project itself:\n' + out)
for f in failures:
    print('FAIL', f)
print(f'{8 + 1 - len(failures)} of 9 cases passed')
sys.exit(1 if failures else 0)
