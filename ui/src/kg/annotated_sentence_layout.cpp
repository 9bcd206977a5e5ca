// AnnotatedSentenceView's model and layout: which entities and relations can be drawn,
// where the text breaks, and where each entity and arc goes at a given width.

#include "kg/annotated_sentence_view.h"
#include "kg/kg_text.h"

#include <QFontMetricsF>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace seekbench::ui {

namespace {

constexpr double kMargin = 4;
constexpr double kBoxPadding = 3;   // each side of an entity's text
constexpr double kArcGap = 6;       // between two arcs on one level
constexpr double kAttachSpread = 6; // between arcs meeting the same entity
constexpr double kLineGap = 8;

} // namespace

QFont AnnotatedSentenceView::tagFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.8 : 8);
    return f;
}

int AnnotatedSentenceView::charIndex(const std::string &utf8, int byteOffset)
{
    if (byteOffset < 0 || static_cast<std::size_t>(byteOffset) > utf8.size())
        return -1;
    if (static_cast<std::size_t>(byteOffset) < utf8.size()
        && (static_cast<unsigned char>(utf8[static_cast<std::size_t>(byteOffset)]) & 0xC0) == 0x80)
        return -1; // a continuation byte: the offset splits a character
    return static_cast<int>(QString::fromUtf8(utf8.data(), byteOffset).size());
}

int AnnotatedSentenceView::findRelation(const projects::KgSentenceRecord &sentence, const std::string &headId,
                                        const std::string &tailId, kg::RelationType type)
{
    const auto n = static_cast<int>(sentence.entities.size());
    for (std::size_t r = 0; r < sentence.relations.size(); ++r) {
        const kg::PredictedRelation &rel = sentence.relations[r];
        if (rel.type != type || rel.head < 0 || rel.head >= n || rel.tail < 0 || rel.tail >= n)
            continue;
        if (sentence.entities[static_cast<std::size_t>(rel.head)].concept_id == headId
            && sentence.entities[static_cast<std::size_t>(rel.tail)].concept_id == tailId)
            return static_cast<int>(r);
    }
    return -1;
}

void AnnotatedSentenceView::setSentence(const projects::KgSentenceRecord &sentence)
{
    m_sentence = sentence;
    m_text = QString::fromUtf8(sentence.text.data(), static_cast<qsizetype>(sentence.text.size()));
    m_entities.clear();
    m_relations.clear();
    m_problems.clear();
    m_entityOfSource.assign(sentence.entities.size(), -1);
    m_emphasised = -1;

    // Entities in text order; those that cannot be placed are named, not drawn.
    std::vector<Entity> found;
    for (std::size_t i = 0; i < sentence.entities.size(); ++i) {
        const kg::PredictedEntity &e = sentence.entities[i];
        const int begin = charIndex(sentence.text, e.begin);
        const int end = charIndex(sentence.text, e.end);
        if (begin < 0 || end < 0 || begin >= end) {
            m_problems << tr("Entity %1 (bytes %2-%3) does not fit the sentence's %4 bytes: not drawn.")
                              .arg(i + 1)
                              .arg(e.begin)
                              .arg(e.end)
                              .arg(sentence.text.size());
            continue;
        }
        found.push_back({begin, end, static_cast<int>(i)});
    }
    std::stable_sort(found.begin(), found.end(), [](const Entity &a, const Entity &b) { return a.begin < b.begin; });
    for (const Entity &e : found) {
        if (!m_entities.empty() && e.begin < m_entities.back().end) {
            m_problems << tr("Entity %1 overlaps entity %2: not drawn.")
                              .arg(e.source + 1)
                              .arg(m_entities.back().source + 1);
            continue;
        }
        m_entityOfSource[static_cast<std::size_t>(e.source)] = static_cast<int>(m_entities.size());
        m_entities.push_back(e);
    }
    for (std::size_t r = 0; r < sentence.relations.size(); ++r) {
        const kg::PredictedRelation &rel = sentence.relations[r];
        const auto n = static_cast<int>(m_entityOfSource.size());
        const bool drawable = rel.head >= 0 && rel.head < n && rel.tail >= 0 && rel.tail < n && rel.head != rel.tail
                              && m_entityOfSource[static_cast<std::size_t>(rel.head)] >= 0
                              && m_entityOfSource[static_cast<std::size_t>(rel.tail)] >= 0;
        if (drawable)
            m_relations.push_back(static_cast<int>(r));
        else
            m_problems << tr("Relation %1 joins entities %2 and %3, which are not drawn: not drawn.")
                              .arg(r + 1)
                              .arg(rel.head + 1)
                              .arg(rel.tail + 1);
    }
    buildSpans();
    m_layout = {};
    updateGeometry();
    update();
}

void AnnotatedSentenceView::buildSpans()
{
    // Break where the Unicode line-breaking rules allow (between words, between CJK
    // characters) and around every entity, never inside one.
    std::set<int> breaks{0, static_cast<int>(m_text.size())};
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, m_text);
    for (qsizetype p = finder.toNextBoundary(); p > 0; p = finder.toNextBoundary())
        breaks.insert(static_cast<int>(p));
    for (const Entity &e : m_entities) {
        breaks.erase(breaks.upper_bound(e.begin), breaks.lower_bound(e.end));
        breaks.insert(e.begin);
        breaks.insert(e.end);
    }
    const QFontMetricsF fm(font());
    const QFontMetricsF tagFm(tagFont(font()));
    std::map<int, int> entityAt;
    for (std::size_t i = 0; i < m_entities.size(); ++i)
        entityAt[m_entities[i].begin] = static_cast<int>(i);
    m_spans.clear();
    for (auto it = breaks.begin(); std::next(it) != breaks.end(); ++it) {
        Span s;
        s.begin = *it;
        s.end = *std::next(it);
        const auto e = entityAt.find(s.begin);
        if (e != entityAt.end() && m_entities[static_cast<std::size_t>(e->second)].end == s.end)
            s.entity = e->second;
        const QString text = m_text.mid(s.begin, s.end - s.begin);
        s.textWidth = fm.horizontalAdvance(text);
        s.width = s.textWidth;
        if (s.entity >= 0)
            s.width = std::max(s.textWidth, tagFm.horizontalAdvance(entityTag(s.entity))) + 2 * kBoxPadding;
        m_spans.push_back(s);
    }
}

AnnotatedSentenceView::Layout AnnotatedSentenceView::layoutFor(int width) const
{
    Layout layout;
    layout.width = width;
    const QFontMetricsF fm(font());
    const QFontMetricsF smallFm(tagFont(font()));
    const double textHeight = fm.height() + 2;
    const double tagHeight = smallFm.height() + 1;
    const double levelHeight = smallFm.height() + 6;
    const double right = std::max(double(width) - kMargin, kMargin + 40);

    // Lines: spans left to right, a new line when the next does not fit (a space at the
    // start of a line takes no room).
    struct Placed
    {
        int line;
        double x;
    };
    std::vector<Placed> placed(m_spans.size());
    int line = 0;
    double x = kMargin;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const Span &s = m_spans[i];
        const bool blank = s.entity < 0 && m_text.mid(s.begin, s.end - s.begin).trimmed().isEmpty();
        if (x + s.width > right && x > kMargin && !blank) {
            ++line;
            x = kMargin;
        }
        placed[i] = {line, x};
        if (!(blank && x == kMargin))
            x += s.width;
    }
    const int lines = m_spans.empty() ? 0 : line + 1;
    std::vector<int> spanOfEntity(m_entities.size(), -1);
    for (std::size_t i = 0; i < m_spans.size(); ++i)
        if (m_spans[i].entity >= 0)
            spanOfEntity[static_cast<std::size_t>(m_spans[i].entity)] = static_cast<int>(i);

    // Where each arc meets an entity: spread apart when several meet the same one.
    std::vector<std::vector<int>> attached(m_entities.size());
    for (std::size_t k = 0; k < m_relations.size(); ++k) {
        const kg::PredictedRelation &rel = m_sentence.relations[static_cast<std::size_t>(m_relations[k])];
        attached[static_cast<std::size_t>(m_entityOfSource[static_cast<std::size_t>(rel.head)])].push_back(int(k));
        attached[static_cast<std::size_t>(m_entityOfSource[static_cast<std::size_t>(rel.tail)])].push_back(int(k));
    }
    auto attachX = [&](int entity, int k) {
        const Span &s = m_spans[static_cast<std::size_t>(spanOfEntity[static_cast<std::size_t>(entity)])];
        const Placed &p = placed[static_cast<std::size_t>(spanOfEntity[static_cast<std::size_t>(entity)])];
        const auto &list = attached[static_cast<std::size_t>(entity)];
        const auto n = static_cast<double>(list.size());
        const double i = double(std::find(list.begin(), list.end(), k) - list.begin());
        const double spread = std::min(kAttachSpread, (s.width - 2) / std::max(1.0, n));
        return p.x + s.width / 2 + (i - (n - 1) / 2) * spread;
    };

    // Arc pieces per line, then levels: narrowest first, each on the lowest level where it
    // overlaps nothing (its label counts as part of it).
    // Labels measured bold: the emphasised one is drawn bold and must fit its box too.
    QFont labelFont = tagFont(font());
    labelFont.setBold(true);
    const QFontMetricsF labelFm(labelFont);
    std::vector<std::vector<ArcPiece>> pieces(static_cast<std::size_t>(lines));
    for (std::size_t k = 0; k < m_relations.size(); ++k) {
        const kg::PredictedRelation &rel = m_sentence.relations[static_cast<std::size_t>(m_relations[k])];
        const int h = m_entityOfSource[static_cast<std::size_t>(rel.head)];
        const int t = m_entityOfSource[static_cast<std::size_t>(rel.tail)];
        const int hl = placed[static_cast<std::size_t>(spanOfEntity[static_cast<std::size_t>(h)])].line;
        const int tl = placed[static_cast<std::size_t>(spanOfEntity[static_cast<std::size_t>(t)])].line;
        const double hx = attachX(h, int(k)), tx = attachX(t, int(k));
        ArcPiece a;
        a.relation = m_relations[k];
        if (hl == tl) {
            a.line = hl;
            a.x1 = std::min(hx, tx);
            a.x2 = std::max(hx, tx);
            a.arrowLeft = tx < hx;
            a.arrowRight = !a.arrowLeft;
            pieces[static_cast<std::size_t>(hl)].push_back(a);
            continue;
        }
        const bool headFirst = hl < tl;
        ArcPiece first = a, second = a;
        first.line = std::min(hl, tl);
        first.x1 = headFirst ? hx : tx;
        first.x2 = right;
        first.opensRight = true;
        first.arrowLeft = !headFirst;
        second.line = std::max(hl, tl);
        second.x1 = kMargin;
        second.x2 = headFirst ? tx : hx;
        second.opensLeft = true;
        second.arrowRight = headFirst;
        pieces[static_cast<std::size_t>(first.line)].push_back(first);
        pieces[static_cast<std::size_t>(second.line)].push_back(second);
    }
    double top = 0;
    for (int l = 0; l < lines; ++l) {
        auto &list = pieces[static_cast<std::size_t>(l)];
        std::vector<std::pair<double, double>> extent(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            const double w = labelFm.horizontalAdvance(relationLabel(list[i].relation)) + 6;
            // Centred on the run, but kept inside the widget (a short run near an edge).
            const double mid = (list[i].x1 + list[i].x2) / 2;
            const double left = std::clamp(mid - w / 2, 0.0, std::max(0.0, right + kMargin - w));
            list[i].label = QRectF(left, 0, w, labelFm.height() + 2);
            extent[i] = {std::min(list[i].x1, left), std::max(list[i].x2, left + w)};
        }
        std::vector<std::size_t> order(list.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return extent[a].second - extent[a].first < extent[b].second - extent[b].first;
        });
        std::vector<std::vector<std::pair<double, double>>> taken;
        int levels = 0;
        for (const std::size_t i : order) {
            int level = 0;
            for (;; ++level) {
                if (level == static_cast<int>(taken.size()))
                    taken.emplace_back();
                const auto &used = taken[static_cast<std::size_t>(level)];
                const bool clash = std::any_of(used.begin(), used.end(), [&](const auto &u) {
                    return extent[i].first < u.second + kArcGap && u.first < extent[i].second + kArcGap;
                });
                if (!clash)
                    break;
            }
            taken[static_cast<std::size_t>(level)].push_back(extent[i]);
            list[i].level = level;
            levels = std::max(levels, level + 1);
        }
        const double arcArea = levels * levelHeight;
        const double textTop = top + arcArea + (levels > 0 ? 4 : 0);
        for (ArcPiece &a : list) {
            a.y = textTop - 4 - (a.level + 0.5) * levelHeight;
            a.label.moveTop(a.y - a.label.height() / 2);
            a.bottom = textTop;
            layout.arcs.push_back(a);
        }
        for (std::size_t i = 0; i < m_spans.size(); ++i) {
            if (placed[i].line != l)
                continue;
            const Span &s = m_spans[i];
            const QRectF text(placed[i].x, textTop, s.width, textHeight);
            layout.text.emplace_back(static_cast<int>(i), text);
            if (s.entity >= 0)
                layout.entities.push_back({m_entities[static_cast<std::size_t>(s.entity)].source, l, text,
                                           QRectF(text.left(), text.bottom(), s.width, tagHeight)});
        }
        top = textTop + textHeight + tagHeight + kLineGap;
    }
    layout.height = std::max(top, textHeight + tagHeight) + 2;
    return layout;
}

void AnnotatedSentenceView::ensureLayout() const
{
    if (m_layout.width != width())
        m_layout = layoutFor(width());
}

const std::vector<AnnotatedSentenceView::EntityBox> &AnnotatedSentenceView::entityBoxes() const
{
    ensureLayout();
    return m_layout.entities;
}

const std::vector<AnnotatedSentenceView::ArcPiece> &AnnotatedSentenceView::arcPieces() const
{
    ensureLayout();
    return m_layout.arcs;
}

int AnnotatedSentenceView::heightForWidth(int width) const
{
    if (width == m_layout.width)
        return static_cast<int>(std::ceil(m_layout.height));
    return static_cast<int>(std::ceil(layoutFor(width).height));
}

} // namespace seekbench::ui
