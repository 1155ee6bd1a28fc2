#pragma once

#include <QDate>
#include <QDateTime>
#include <functional>

namespace cd {

// The one place core asks for the time, so due dates, retention and idle lock can be tested
// without sleeping.
class Clock final
{
public:
    static QDateTime now();  // UTC
    static QDate today();    // local calendar date
    static QString nowIso(); // "2026-11-25T12:09:22Z"
    // Tests install a fixed or stepping clock; pass nullptr to restore the system clock.
    static void setSource(std::function<QDateTime()> source);
};

} // namespace cd
