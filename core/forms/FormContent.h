#pragma once

#include "forms/Forms.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

// What a form says, apart from where it is stored (forms/Forms.cpp owns the tables): a template's
// checks, a signing's checks, the bytes that are sealed and hashed, and the templates a vault starts
// with. No SQL here.
namespace cd::forms_detail {

QString str(const QJsonObject& o, const char* key);
// A template as saved: trimmed, every question with a lower-case id, wording, and options when a choice.
Status checkTemplate(FormTemplate& t);
// A signature the client drew: a readable PNG of reasonable size that is not blank.
Status checkSignature(const QByteArray& png);
// Every answer against its question; a missing required answer is refused naming the question.
Status checkAnswers(const FormTemplate& t, QHash<QString, FormAnswer>& answers);
// The form as signed, byte for byte: what is sealed and what the hash covers.
QByteArray contentOf(const FormTemplate& form, const QHash<QString, FormAnswer>& answers,
                     const QByteArray& signaturePng, const QDateTime& signedAt, const QString& subjectRef,
                     qint64 replaces);
QString sha256Hex(const QByteArray& bytes);
// Consent for injectables, medical history, aftercare acknowledgement, photo consent.
QList<FormTemplate> shippedTemplates();

} // namespace cd::forms_detail
