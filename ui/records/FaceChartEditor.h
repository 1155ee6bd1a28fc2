#pragma once

#include "records/FaceChart.h"

#include <QWidget>
#include <functional>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace cd::ui::records {

// The drawings of the face, where a click places an injection point and a point is chosen.
class FaceChartCanvas final : public QWidget
{
    Q_OBJECT
public:
    explicit FaceChartCanvas(QWidget* parent = nullptr);
    void setPoints(const QList<ChartPoint>* points, int selected);
    QRectF chartArea() const; // where the three drawings are laid out
    QSize sizeHint() const override;

Q_SIGNALS:
    void placed(FaceView view, double x, double y);
    void chosen(int index);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    const QList<ChartPoint>* m_points = nullptr;
    int m_selected = -1;
};

// A treatment record's face chart: click where each injection was given; each point takes the
// product, batch and unit the record names and the amount per point, and can be changed in the list
// under the drawings (amount, product, batch, note) or removed.
class FaceChartEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit FaceChartEditor(QWidget* parent = nullptr);
    void setPoints(const QList<ChartPoint>& points);
    const QList<ChartPoint>& points() const { return m_points; }
    // What a new point starts with (the record's product, batch and unit); the amount is the editor's.
    void setDefaults(std::function<ChartPoint()> defaults) { m_defaults = std::move(defaults); }
    FaceChartCanvas* canvas() const { return m_canvas; }

Q_SIGNALS:
    void changed();

private:
    void place(FaceView view, double x, double y);
    void choose(int index);
    void refill(); // the list from m_points
    void takeCell(int row, int column);
    QList<ChartPoint> m_points;
    std::function<ChartPoint()> m_defaults;
    FaceChartCanvas* m_canvas;
    QDoubleSpinBox* m_amount;
    QTableWidget* m_list;
    QPushButton* m_remove;
    QLabel* m_total;
    bool m_filling = false;
};

} // namespace cd::ui::records
