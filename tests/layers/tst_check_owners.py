#!/usr/bin/env python3
"""The owner check can fail: a table named in the SQL of two core files is refused with both files
named, whether in a plain, a concatenated or a raw string, and a table of any migrations file counts;
a table named only in a comment, in a migration or in its owner passes; the project's own tree passes.
Usage: tst_check_owners.py CHECKER SOURCE_DIR"""
import os
import subprocess
import sys
import tempfile

checker, source = sys.argv[1], sys.argv[2]
MIGRATIONS = ('const char* k = "CREATE TABLE clients (id INTEGER PRIMARY KEY);"\n'
              '    "CREATE VIRTUAL TABLE client_search USING fts4(names);";\n')


def run(root):
    p = subprocess.run([sys.executable, checker, root], capture_output=True, text=True)
    return p.returncode, p.stdout


def tree(files):
    root = tempfile.mkdtemp(prefix='owners-')
    files = {'core/storage/Migrations.cpp': MIGRATIONS, **files}
    for path, text in files.items():
        os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(root, path), 'w', encoding='utf-8') as f:
            f.write(text)
    return root


failures = []
cases = 0


def expect(name, files, code, words):
    global cases
    cases += 1
    rc, out = run(tree(files))
    if rc != code or any(w not in out for w in words):
        failures.append(f'{name}: exit {rc}, output:\n{out}')


owner = {'core/clients/ClientStore.cpp': 'db.prepare("SELECT id FROM clients WHERE id = ?");\n'}
expect('one owner', owner, 0, [])
expect('a second file', {**owner, 'core/privacy/Retention.cpp': 'db.prepare("SELECT 1 FROM clients");\n'}, 1,
       ['table clients is named in the SQL of 2 files', 'core/clients/ClientStore.cpp',
        'core/privacy/Retention.cpp'])
expect('split over literals', {**owner, 'core/audit/AuditLog.cpp': 'db.prepare("SELECT subject_ref "\n'
                                                                  '    "FROM clients WHERE id = ?");\n'}, 1,
       ['core/audit/AuditLog.cpp'])
expect('raw string', {**owner, 'core/x/X.cpp': 'auto q = R"(UPDATE clients SET x = 1)";\n'}, 1, ['core/x/X.cpp'])
expect('a join', {**owner, 'core/x/X.cpp': '"SELECT a FROM t JOIN clients c ON c.id = t.client_id"\n'}, 1,
       ['core/x/X.cpp'])
expect('a comment is not SQL', {**owner, 'core/x/X.cpp': '// reads FROM clients through the store\n'}, 0, [])
expect('a name is not SQL', {**owner, 'core/privacy/DataMap.cpp': '{s("clients"), s("id")},\n'}, 0, [])
expect('DROP TABLE IF EXISTS', {**owner, 'core/x/X.cpp': 'db.exec("DROP TABLE IF EXISTS clients");\n'}, 1,
       ['core/x/X.cpp'])
later = {'core/storage/Migrations11on.cpp': 'const char* k = "CREATE TABLE stock (id INTEGER);";\n'}
expect('a table of a later migrations file', {**owner, **later, 'core/stock/A.cpp': '"SELECT id FROM stock"\n',
                                               'core/stock/B.cpp': '"INSERT INTO stock (id) VALUES (1)"\n'}, 1,
       ['table stock is named in the SQL of 2 files'])
expect('a later migrations file is exempt', {**owner, **later, 'core/stock/A.cpp': '"SELECT id FROM stock"\n'}, 0,
       [])
rc, out = run(source)
cases += 1
if rc != 0:
    failures.append('the project itself:\n' + out)
for f in failures:
    print('FAIL', f)
print(f'{cases - len(failures)} of {cases} cases passed')
sys.exit(1 if failures else 0)
