#include "Session.h"

namespace cd::ui {

std::unique_ptr<Session> makeSession(std::unique_ptr<Vault> vault)
{
    auto s = std::make_unique<Session>();
    if (!vault->user().isEmpty()) {
        if (auto me = staff::byUsername(vault->db(), vault->user()))
            s->me = me.value();
        else
            s->me.displayName = vault->user();
    }
    s->vault = std::move(vault);
    return s;
}

} // namespace cd::ui
