#pragma once

// The knowledge graph scenario's words, colours and figures in the user's language:
// concept and relation types, confidences, support counts and links. The store keeps the
// stable English names (ontology.h); only what is shown is translated.

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/ontology.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPalette;

namespace seekbench::ui {

class KgText
{
    Q_DECLARE_TR_FUNCTIONS(KgText)
public:
    static QString conceptType(kg::ConceptType type); // Disease, Symptom, Gene, Drug, Lab test
    static QString relation(kg::RelationType type);   // Has symptom, Caused by, Treats, ...
    // The one colour of a concept type in every panel (Okabe-Ito hues, readable by the
    // colour-blind), lighter on a dark palette. Highlights use it translucent over the base.
    static QColor conceptColour(kg::ConceptType type, bool dark);
    static bool isDark(const QPalette &palette);
    // A confidence in [0, 1] with two decimals ("0.87"); "—" when not finite.
    static QString confidence(double value);
    // "support 3" / "3 sentences, 1 against": the sentences behind an edge.
    static QString support(int supporting, int against = 0);
    // Where a mention was linked: "DIS0001 (exact, 1.00)" or "new candidate: not in the ontology".
    static QString link(const kg::PredictedEntity &entity);
    // An edge in words: "Agalsidase beta — Treats → Fabry disease".
    static QString edge(const QString &head, kg::RelationType type, const QString &tail);
};

} // namespace seekbench::ui
