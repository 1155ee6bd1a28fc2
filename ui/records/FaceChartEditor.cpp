#include "records/FaceChartEditor.h"

#include "common/Style.h"
#include "stock/Stock.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cd::ui::records {

namespace {

enum Column { Number, Side, Amount, Product, Batch, Note, Columns };

} // namespace

FaceChartCanvas::FaceChartCanvas(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("faceChartCanvas"));
    setMinimumSize(480, 190);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Click where the injection was given; click a point to choose it."));
}

void FaceChartCanvas::setPoints(const QList<ChartPoint>* points, int selected)
{
    m_points = points;
    m_selected = selected;
    update();
}

QRectF FaceChartCanvas::chartArea() const
{
    return QRectF(rect()).adjusted(1, 1, -1, -1);
}

QSize FaceChartCanvas::sizeHint() const
{
    return {600, 270};
}

void FaceChartCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    facechart::paint(painter, chartArea(), m_points ? *m_points : QList<ChartPoint>{}, m_selected);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(chartArea());
}

void FaceChartCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF pos = event->position();
    if (m_points)
        if (const int hit = facechart::pointAt(chartArea(), *m_points, pos); hit >= 0) {
            Q_EMIT chosen(hit);
            return;
        }
    if (const auto spot = facechart::spotAt(chartArea(), pos))
        Q_EMIT placed(spot->view, spot->x, spot->y);
}

FaceChartEditor::FaceChartEditor(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("faceChart"));
    m_canvas = new FaceChartCanvas;
    m_amount = new QDoubleSpinBox;
    m_amount->setObjectName(QStringLiteral("chartAmount"));
    m_amount->setRange(0, 1000);
    m_amount->setDecimals(2);
    m_amount->setSpecialValueText(tr("not recorded"));
    m_remove = new QPushButton(tr("&Remove point"));
    m_remove->setObjectName(QStringLiteral("chartRemove"));
    m_remove->setEnabled(false);
    m_total = new QLabel;
    m_total->setObjectName(QStringLiteral("chartTotal"));
    style::setTone(m_total, style::Tone::Muted);
    m_list = new QTableWidget(0, Columns);
    m_list->setObjectName(QStringLiteral("chartPoints"));
    m_list->setHorizontalHeaderLabels(
        {tr("#"), tr("Side"), tr("Amount"), tr("Product"), tr("Batch"), tr("Note")});
    m_list->verticalHeader()->hide();
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->horizontalHeader()->setSectionResizeMode(Note, QHeaderView::Stretch);
    m_list->setColumnWidth(Number, 32);
    m_list->setColumnWidth(Side, 110);
    m_list->setColumnWidth(Amount, 90);
    m_list->setColumnWidth(Product, 140);
    m_list->setColumnWidth(Batch, 100);
    // A line per point, however long the product's name.
    m_list->setWordWrap(false);
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().lineSpacing() + 10);
    m_list->setMinimumHeight(m_list->fontMetrics().lineSpacing() * 6);

    auto* amountLabel = new QLabel(tr("A&mount per point:"));
    amountLabel->setBuddy(m_amount);
    auto* controls = new QHBoxLayout;
    controls->addWidget(amountLabel);
    controls->addWidget(m_amount);
    controls->addWidget(m_total, 1);
    controls->addWidget(m_remove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas, 3);
    layout->addLayout(controls);
    layout->addWidget(m_list, 2);

    connect(m_canvas, &FaceChartCanvas::placed, this, &FaceChartEditor::place);
    connect(m_canvas, &FaceChartCanvas::chosen, this, &FaceChartEditor::choose);
    connect(m_list, &QTableWidget::cellChanged, this, &FaceChartEditor::takeCell);
    connect(m_list, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_list->currentRow();
        m_remove->setEnabled(row >= 0 && !m_list->selectedItems().isEmpty());
        m_canvas->setPoints(&m_points, m_remove->isEnabled() ? row : -1);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0 || row >= m_points.size())
            return;
        m_points.removeAt(row);
        refill();
        Q_EMIT changed();
    });
    refill();
}

void FaceChartEditor::setPoints(const QList<ChartPoint>& points)
{
    m_points = points;
    if (!points.isEmpty() && points.first().amount > 0)
        m_amount->setValue(points.first().amount);
    refill();
}

void FaceChartEditor::place(FaceView view, double x, double y)
{
    if (m_points.size() >= facechart::kMaxPoints)
        return;
    ChartPoint p = m_defaults ? m_defaults() : ChartPoint{};
    p.view = view;
    p.x = x;
    p.y = y;
    p.amount = m_amount->value();
    if (p.amount <= 0)
        p.unit.clear();
    m_points.append(p);
    refill();
    m_list->selectRow(int(m_points.size()) - 1);
    Q_EMIT changed();
}

void FaceChartEditor::choose(int index)
{
    m_list->selectRow(index);
    m_list->setFocus();
}

void FaceChartEditor::refill()
{
    m_filling = true;
    m_list->setRowCount(int(m_points.size()));
    const QLocale locale;
    for (int i = 0; i < m_points.size(); ++i) {
        const ChartPoint& p = m_points.at(i);
        const auto put = [&](int column, const QString& text, bool editable) {
            auto* item = new QTableWidgetItem(text);
            if (!editable)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            m_list->setItem(i, column, item);
        };
        put(Number, QString::number(i + 1), false);
        put(Side, vocab::label(p.view), false);
        put(Amount, p.amount > 0 ? Stock::formatQuantity(p.amount, p.unit) : QString(), true);
        put(Product, p.product, true);
        put(Batch, p.batchNumber, true);
        put(Note, p.note, true);
    }
    QHash<QString, double> byUnit;
    for (const ChartPoint& p : m_points)
        if (p.amount > 0)
            byUnit[p.unit] += p.amount;
    QStringList totals;
    for (auto it = byUnit.cbegin(); it != byUnit.cend(); ++it)
        totals << Stock::formatQuantity(it.value(), it.key());
    totals.sort();
    m_total->setText(
        m_points.isEmpty()
            ? tr("Click the face where each injection was given.")
            : tr("%n point(s)", nullptr, int(m_points.size())) +
                  (totals.isEmpty() ? QString() : tr(", %1 in all").arg(totals.join(tr(" and ")))));
    m_filling = false;
    m_remove->setEnabled(false);
    m_canvas->setPoints(&m_points, -1);
}

void FaceChartEditor::takeCell(int row, int column)
{
    if (m_filling || row < 0 || row >= m_points.size())
        return;
    ChartPoint& p = m_points[row];
    const QString text = m_list->item(row, column)->text().trimmed();
    switch (column) {
    case Amount: {
        // "4", "4 units", "0.5 ml": the number, and the unit when one is typed.
        const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        bool ok = false;
        const double amount = parts.isEmpty() ? 0 : QLocale().toDouble(parts.first(), &ok);
        p.amount = ok && amount > 0 ? amount : 0;
        if (parts.size() > 1)
            p.unit = parts.at(1);
        else if (p.amount > 0 && p.unit.isEmpty() && m_defaults)
            p.unit = m_defaults().unit;
        if (p.amount <= 0)
            p.unit.clear();
        break;
    }
    case Product:
        p.product = text;
        break;
    case Batch:
        p.batchNumber = text;
        break;
    case Note:
        p.note = text;
        break;
    default:
        return;
    }
    const int selected = m_list->currentRow();
    refill();
    m_list->selectRow(selected);
    Q_EMIT changed();
}

} // namespace cd::ui::records
