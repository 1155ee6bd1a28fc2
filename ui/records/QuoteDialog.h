#pragma once

#include "records/Quotes.h"

#include <QDialog>
#include <QWidget>

class QDateEdit;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace cd::ui {

class Workspace;

namespace records {
class PhotoPicker;
}

// A draft quote: lines (treatment, price typed in pounds, quantity), validity, notes and the
// client's quote images. A quote that was sent is shown read-only: what the client saw stays.
class QuoteDialog final : public QDialog
{
    Q_OBJECT
public:
    QuoteDialog(Workspace& workspace, const Quote& quote, QWidget* parent = nullptr);
    qint64 savedId() const { return m_quote.id; }
    void addLine(const QString& treatment = {}, const QString& price = {}, int quantity = 1);
    // The total of the lines as typed, or an error naming the line to correct.
    Result<Quote> collect() const;

private:
    void updateTotal();
    bool save();
    Workspace& m_workspace;
    Quote m_quote;
    bool m_readOnly;
    QTableWidget* m_lines;
    QDateEdit* m_validUntil;
    QPlainTextEdit* m_notes;
    records::PhotoPicker* m_images;
    QLabel* m_total;
    QLabel* m_error;
};

} // namespace cd::ui
