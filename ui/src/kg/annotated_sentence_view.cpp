#include "kg/annotated_sentence_view.h"
#include "kg/kg_text.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace seekbench::ui {

namespace {

// An arrow head pointing down at (x, y).
void drawArrowHead(QPainter &p, double x, double y, const QColor &colour)
{
    QPainterPath head;
    head.moveTo(x, y);
    head.lineTo(x - 4, y - 7);
    head.lineTo(x + 4, y - 7);
    head.closeSubpath();
    p.fillPath(head, colour);
}

} // namespace

AnnotatedSentenceView::AnnotatedSentenceView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("annotatedSentenceView"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);
}

void AnnotatedSentenceView::setEmphasisedRelation(int relation)
{
    m_emphasised = relation >= 0 && static_cast<std::size_t>(relation) < m_sentence.relations.size() ? relation : -1;
    update();
}

QString AnnotatedSentenceView::entityTag(int entity) const
{
    const kg::PredictedEntity &e
        = m_sentence.entities[static_cast<std::size_t>(m_entities[static_cast<std::size_t>(entity)].source)];
    const QString type = KgText::conceptType(e.type);
    if (e.negated)
        return tr("%1 · negated").arg(type);
    if (e.hedged)
        return tr("%1 · hedged").arg(type);
    return type;
}

QString AnnotatedSentenceView::relationLabel(int relation) const
{
    const kg::PredictedRelation &r = m_sentence.relations[static_cast<std::size_t>(relation)];
    return tr("%1 %2").arg(KgText::relation(r.type), KgText::confidence(r.confidence));
}

QSize AnnotatedSentenceView::sizeHint() const
{
    const int w = width() > 50 ? width() : 480;
    return {w, heightForWidth(w)};
}

QSize AnnotatedSentenceView::minimumSizeHint() const { return {120, heightForWidth(std::max(width(), 120))}; }

void AnnotatedSentenceView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int before = static_cast<int>(std::ceil(m_layout.height));
    ensureLayout();
    if (static_cast<int>(std::ceil(m_layout.height)) != before)
        updateGeometry(); // wrapping changed the height the layout should give
}

void AnnotatedSentenceView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange) {
        buildSpans(); // widths and translated tags
        m_layout = {};
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void AnnotatedSentenceView::paintEvent(QPaintEvent *)
{
    ensureLayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const bool dark = KgText::isDark(palette());
    const QColor textColour = palette().color(QPalette::Text);
    const QFont small = tagFont(font());

    // Text and entities.
    for (const auto &[spanIndex, rect] : m_layout.text) {
        const Span &s = m_spans[static_cast<std::size_t>(spanIndex)];
        const QString text = m_text.mid(s.begin, s.end - s.begin);
        if (s.entity < 0) {
            p.setPen(textColour);
            p.setFont(font());
            p.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, text);
            continue;
        }
        const kg::PredictedEntity &e
            = m_sentence.entities[static_cast<std::size_t>(m_entities[static_cast<std::size_t>(s.entity)].source)];
        const QColor colour = KgText::conceptColour(e.type, dark);
        QColor fill = colour;
        fill.setAlpha(dark ? 80 : 55);
        p.setPen(QPen(colour, 1));
        p.setBrush(fill);
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        QFont f = font();
        f.setStrikeOut(e.negated);
        p.setFont(f);
        p.setPen(textColour);
        p.drawText(rect, Qt::AlignCenter, text);
        if (e.hedged) {
            QPen dashed(colour, 1.5, Qt::DashLine);
            p.setPen(dashed);
            const double y = rect.bottom() - 2;
            const double half = s.textWidth / 2;
            p.drawLine(QPointF(rect.center().x() - half, y), QPointF(rect.center().x() + half, y));
        }
    }
    p.setBrush(Qt::NoBrush);
    p.setFont(small);
    for (const EntityBox &box : m_layout.entities) {
        const kg::PredictedEntity &e = m_sentence.entities[static_cast<std::size_t>(box.entity)];
        p.setPen(KgText::conceptColour(e.type, dark));
        p.drawText(box.tag, Qt::AlignCenter, entityTag(m_entityOfSource[static_cast<std::size_t>(box.entity)]));
    }

    // Arcs: up from one entity, across, down onto the other, the arrow head on the tail.
    for (const ArcPiece &a : m_layout.arcs) {
        const bool emphasised = a.relation == m_emphasised;
        QColor colour = emphasised ? palette().color(QPalette::Highlight) : textColour;
        if (m_emphasised >= 0 && !emphasised)
            colour.setAlpha(70);
        p.setPen(QPen(colour, emphasised ? 2 : 1.2));
        const double r = std::min(4.0, (a.x2 - a.x1) / 2);
        QPainterPath path;
        if (a.opensLeft) {
            path.moveTo(a.x1, a.y);
        } else {
            path.moveTo(a.x1, a.bottom);
            path.lineTo(a.x1, a.y + r);
            path.quadTo(a.x1, a.y, a.x1 + r, a.y);
        }
        if (a.opensRight) {
            path.lineTo(a.x2, a.y);
        } else {
            path.lineTo(a.x2 - r, a.y);
            path.quadTo(a.x2, a.y, a.x2, a.y + r);
            path.lineTo(a.x2, a.bottom);
        }
        p.drawPath(path);
        if (a.arrowLeft)
            drawArrowHead(p, a.x1, a.bottom, colour);
        if (a.arrowRight)
            drawArrowHead(p, a.x2, a.bottom, colour);
        p.fillRect(a.label, palette().color(QPalette::Window)); // the arcs behind it stop at its edge
        p.setPen(colour);
        QFont labelFont = small;
        labelFont.setBold(emphasised);
        p.setFont(labelFont);
        p.drawText(a.label, Qt::AlignCenter, relationLabel(a.relation));
    }
}

bool AnnotatedSentenceView::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const QPointF pos = static_cast<QHelpEvent *>(event)->pos();
    ensureLayout();
    for (const EntityBox &box : m_layout.entities) {
        if (!box.text.united(box.tag).contains(pos))
            continue;
        const kg::PredictedEntity &e = m_sentence.entities[static_cast<std::size_t>(box.entity)];
        const Entity &drawn
            = m_entities[static_cast<std::size_t>(m_entityOfSource[static_cast<std::size_t>(box.entity)])];
        const QString text = m_text.mid(drawn.begin, drawn.end - drawn.begin);
        QStringList lines{tr("%1: %2").arg(KgText::conceptType(e.type), text), tr("Link: %1").arg(KgText::link(e)),
                          tr("Confidence: %1").arg(KgText::confidence(e.confidence))};
        if (e.negated)
            lines << tr("Negated: counts against the relations it is in.");
        if (e.hedged)
            lines << tr("Hedged: counts at reduced weight.");
        QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), lines.join(QLatin1Char('\n')), this);
        return true;
    }
    for (const ArcPiece &a : m_layout.arcs) {
        if (!a.label.contains(pos))
            continue;
        QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), relationLabel(a.relation), this);
        return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace seekbench::ui
