#include "kg/kg_text.h"

#include <QLocale>
#include <QPalette>

#include <cmath>

namespace seekbench::ui {

QString KgText::conceptType(kg::ConceptType type)
{
    switch (type) {
    case kg::ConceptType::Disease: return tr("Disease");
    case kg::ConceptType::Symptom: return tr("Symptom");
    case kg::ConceptType::Gene: return tr("Gene");
    case kg::ConceptType::Drug: return tr("Drug");
    case kg::ConceptType::LabTest: return tr("Lab test");
    }
    return QString::fromUtf8(kg::conceptTypeName(type));
}

QString KgText::relation(kg::RelationType type)
{
    switch (type) {
    case kg::RelationType::None: return tr("No relation");
    case kg::RelationType::HasSymptom: return tr("Has symptom");
    case kg::RelationType::CausedBy: return tr("Caused by");
    case kg::RelationType::Treats: return tr("Treats");
    case kg::RelationType::ContraindicatedFor: return tr("Contraindicated for");
    case kg::RelationType::DiagnosedBy: return tr("Diagnosed by");
    }
    return QString::fromUtf8(kg::relationTypeName(type));
}

QColor KgText::conceptColour(kg::ConceptType type, bool dark)
{
    // The graph explorer's colours (GraphExplorerView::nodeColor), so that a concept has one
    // colour in the graph, the panels and the sentences; the dark theme's are lighter.
    switch (type) {
    case kg::ConceptType::Disease: return dark ? QColor(0xf4, 0x8f, 0xb1) : QColor(0xd8, 0x1b, 0x60);
    case kg::ConceptType::Symptom: return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x1e, 0x6f, 0xc8);
    case kg::ConceptType::Gene: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x8b, 0x3a);
    case kg::ConceptType::Drug: return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x8e, 0x24, 0xaa);
    case kg::ConceptType::LabTest: return dark ? QColor(0xd7, 0xb4, 0x8a) : QColor(0x8d, 0x5b, 0x2a);
    }
    return dark ? QColor(Qt::lightGray) : QColor(Qt::darkGray);
}

bool KgText::isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightness() < 128; }

QString KgText::confidence(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return QLocale().toString(value, 'f', 2);
}

QString KgText::support(int supporting, int against)
{
    if (against > 0)
        return tr("support %1, %2 against").arg(supporting).arg(against);
    return tr("support %1").arg(supporting);
}

QString KgText::link(const kg::PredictedEntity &entity)
{
    if (entity.candidate || entity.concept_id.empty())
        return tr("new candidate: not in the ontology");
    return tr("%1 (%2, %3)")
        .arg(QString::fromStdString(entity.concept_id), QString::fromStdString(entity.link_method),
             confidence(entity.link_score));
}

QString KgText::edge(const QString &head, kg::RelationType type, const QString &tail)
{
    return tr("%1 — %2 → %3").arg(head, relation(type), tail);
}

} // namespace seekbench::ui
