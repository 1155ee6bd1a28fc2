#pragma once

#include "forms/Forms.h"

#include <QByteArray>
#include <QDate>

namespace cd::test {

// A signature as a pad draws it: dark strokes on white, 300×100, as PNG.
QByteArray signaturePng(int variant = 0);

// The client signs the shipped "Consent for injectable treatment" on `on` (today when invalid), every
// question answered yes but pregnancy (no), so a treatment given that day may be recorded. Returns
// the form's id; 0 (and a warning with the reason) when it could not be signed.
qint64 signConsent(Database& db, qint64 clientId, const QDate& on = {});

} // namespace cd::test
