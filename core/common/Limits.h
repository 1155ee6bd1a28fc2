#pragma once

#include "common/Result.h"

#include <QString>

// The longest text each kind of field takes, checked in core so the desktop, the command line and
// the CSV import refuse the same input with the same message (naming the field). Generous for any
// real value; a limit keeps a pasted megabyte out of a name (a window 32,767 pixels wide) or a note
// (a 264-page subject-access report).
namespace cd::limits {

constexpr int kName = 100;        // first, last and preferred names
constexpr int kShort = 60;        // title, pronouns, labels, source, a messaging service
constexpr int kEmail = 254;       // RFC 5321's longest address
constexpr int kPhone = 40;        // as typed, spaces and all
constexpr int kAddressLine = 200; // one line of an address, a town, a county, a country
constexpr int kPostcode = 16;
constexpr int kHandle = 200; // a messaging handle or profile address
constexpr int kTag = 50;
constexpr int kLine = 500;   // a treatment's name, an area, a product, a quote line
constexpr int kNote = 10000; // a call note, a treatment note: about four printed pages

// Invalid when `value` is longer than `max` characters: "<field> is N characters long; it can hold at
// most M. Shorten it." `field` is what the person sees ("The first name").
Status check(const QString& value, int max, const QString& field);

} // namespace cd::limits
