#pragma once

#include "Options.h"
#include "Report.h"

namespace cd::bench {

class VaultPair;

// From the derived key to a window that can search: the checked open, the schema check, the
// client list model with its first page, the list view painted, the follow-ups due today (what
// MainWindow loads before it takes the first keystroke). Closes and reopens the pair's databases.
Row measureOpen(VaultPair& v, const Options& o);
// ClientListModel::setSearchText then QListView::repaint(), for every keystroke.
Row measureSearchModel(VaultPair& v, const Options& o);
// A child process opens the vault, builds the client list model and view offscreen, scrolls and
// searches a little, and reports its VmHWM. Closes and reopens the pair's databases.
Row measureMemory(VaultPair& v);

// The child side of measureMemory: argv = --child-memory <database> (key as hex on stdin, or
// nothing for plaintext). Prints one JSON object on stdout; returns the exit code.
int runMemoryChild(const QString& databasePath);

} // namespace cd::bench
