#pragma once

#include "common/Result.h"

#include <functional>

namespace cd {

class Database;

struct DemoOptions
{
    int clients = 200;
    quint64 seed = 1;
    int interactionsPerClient = 3; // average
};

// Fills a vault with synthetic, realistic clients: names with diacritics and apostrophes, UK phone
// numbers (Ofcom's drama range first), example.* emails, notes, consent, follow-ups around today.
// The same seed gives the same people; dates are relative to today.
Status generateDemoData(Database& db, const DemoOptions& options,
                        const std::function<void(int done, int total)>& progress = {});

} // namespace cd
