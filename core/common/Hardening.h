#pragma once

namespace cd {

// First thing in every main(): no core dumps (they would hold decrypted data and keys), not
// attachable by other processes of the same user, and every file created private (umask 077).
void hardenProcess();

} // namespace cd
