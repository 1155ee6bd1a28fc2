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
    // Clients with a photo gallery (four photos each): one in ten, and never more than this, so a
    // benchmark vault of a million clients keeps the 40,000 photos of the 100,000-client one.
    int maxGalleries = 10000;
};

// Fills a vault with synthetic, realistic clients: names with diacritics and apostrophes, UK phone
// numbers (Ofcom's drama range first), example.* emails, notes, consent, follow-ups around today.
// The same seed gives the same people; dates are relative to today.
Status generateDemoData(Database& db, const DemoOptions& options,
                        const std::function<void(int done, int total)>& progress = {});

} // namespace cd
