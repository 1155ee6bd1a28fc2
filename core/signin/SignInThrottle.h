#pragma once

#include <QString>

namespace cd {

// Failed sign-ins slow down: after the second wrong passphrase for an account, each further try
// waits twice as long as the one before (2 s, 4 s, 8 s ... up to 5 minutes). The count is kept in a
// small file beside the keyring (account names and times only) so that restarting the program
// does not reset it, and is written into the audit log at the next successful sign-in.
namespace throttle {

constexpr const char* kFile = "signin-failures.json";
constexpr int kMaxDelaySeconds = 300;

int secondsToWait(const QString& vaultDir, const QString& user);
void recordFailure(const QString& vaultDir, const QString& user);
// Returns the failures since the last successful sign-in and forgets them.
int takeFailures(const QString& vaultDir, const QString& user);

} // namespace throttle
} // namespace cd
