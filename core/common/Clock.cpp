#include "common/Clock.h"

namespace cd {

namespace {
std::function<QDateTime()>& source()
{
    static std::function<QDateTime()> s;
    return s;
}
} // namespace

QDateTime Clock::now()
{
    return source() ? source()().toUTC() : QDateTime::currentDateTimeUtc();
}

QDate Clock::today()
{
    return now().toLocalTime().date();
}

QString Clock::nowIso()
{
    return now().toString(Qt::ISODate);
}

void Clock::setSource(std::function<QDateTime()> s)
{
    source() = std::move(s);
}

} // namespace cd
