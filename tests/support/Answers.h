#pragma once

#include "common/Ask.h"

#include <QList>
#include <functional>

namespace cd::test {

// Answers the desk's questions (ui/common/Ask.h) in place of the user while it lives, and keeps
// every question asked, so a test can check what the desk asked as well as what it did.
class Answers final
{
public:
    using Answer = ui::ask::Answer;
    using Question = ui::ask::Question;
    explicit Answers(std::function<Answer(const Question&)> answer) : m_answer(std::move(answer))
    {
        ui::ask::setResponder([this](QWidget*, const Question& q) {
            asked.append(q);
            return m_answer(q);
        });
    }
    ~Answers() { ui::ask::setResponder({}); }
    Answers(const Answers&) = delete;
    Answers& operator=(const Answers&) = delete;

    static Answer yes() { return {true, {}, {}}; }
    static Answer no() { return {}; }
    static Answer file(const QString& path) { return {true, {path}, {}}; }
    static Answer files(const QStringList& paths) { return {true, paths, {}}; }
    static Answer text(const QString& typed) { return {true, {}, typed}; }

    QList<Question> asked;

private:
    std::function<Answer(const Question&)> m_answer;
};

} // namespace cd::test
