#pragma once

// A knowledge graph the size of the template's demo for pictures of the knowledge graph
// window, made in process the way `seekbench-cli kg build --extractor dictionary` makes it
// (no model, so no torch): the ontology and 600 documents generated with seed 7, the
// dictionary baseline's extractions marked for negation and hedging, the graph built and
// saved with every sentence, and the ontology written beside the corpus so that the window
// knows which diseases are rare. Beside it, a bigger graph whose layout takes a while, and
// the zh_CN catalogues read from their JSON.

#include "seekbench/kg/baseline.h"
#include "seekbench/kg/graph.h"
#include "seekbench/kg/linking.h"
#include "seekbench/kg/ontology.h"
#include "seekbench/projects/kg_corpora.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/project.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTranslator>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kgwindowfixture {

using namespace seekbench;

struct DemoGraph
{
    std::int64_t id = 0;
    kg::KnowledgeGraph graph;
    kg::Ontology ontology;
};

inline DemoGraph makeDictionaryGraph(const projects::Project &project, int documents = 600)
{
    DemoGraph out;
    kg::OntologyOptions ontologyOptions;
    ontologyOptions.seed = 7;
    out.ontology = kg::generateOntology(ontologyOptions);
    kg::CorpusOptions corpusOptions;
    corpusOptions.seed = 7;
    corpusOptions.documents = documents;
    const kg::Corpus corpus = kg::generateCorpus(out.ontology, corpusOptions);
    kg::Corpus training;
    std::vector<kg::Sentence> sentences;
    std::vector<std::string> documentOf;
    for (const kg::Document &d : corpus.documents) {
        if (d.split == kg::Split::Train)
            training.documents.push_back(d);
        for (const kg::Sentence &s : d.sentences) {
            sentences.push_back(s);
            documentOf.push_back(d.id);
        }
    }
    std::vector<kg::SentencePrediction> predictions
        = kg::DictionaryBaseline(out.ontology, training).extractAll(sentences);
    std::vector<projects::KgSentenceRecord> records;
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        kg::markNegationAndHedging(sentences[i].text, predictions[i]);
        records.push_back({predictions[i].sentence_id, documentOf[i], sentences[i].text, predictions[i].entities,
                           predictions[i].relations});
    }
    out.graph = kg::buildGraph(out.ontology, predictions, {}, &corpus);
    projects::KgGraphRecord meta;
    meta.name = "clinical-dictionary";
    meta.corpus = "clinical";
    meta.extractor = "dictionary";
    out.id = projects::KgStore(project).saveGraph(meta, out.graph, records);
    const std::filesystem::path ontologyFile = projects::kgOntologyFile(project, "clinical");
    std::filesystem::create_directories(ontologyFile.parent_path());
    std::string error;
    if (!kg::writeOntology(ontologyFile.string(), out.ontology, error))
        throw std::runtime_error(error);
    return out;
}

// A rare disease of the graph with at least four symptoms, and its four most confident.
struct RareCase
{
    int disease = -1;
    std::vector<int> symptoms;
};

inline RareCase rareCase(const DemoGraph &demo)
{
    const kg::KnowledgeGraph &g = demo.graph;
    std::vector<std::vector<std::pair<double, int>>> symptoms(g.nodes.size());
    for (const kg::GraphEdge &e : g.edges)
        if (e.type == kg::RelationType::HasSymptom)
            symptoms[std::size_t(e.head)].push_back({e.confidence, e.tail});
    for (std::size_t n = 0; n < g.nodes.size(); ++n) {
        const int index = demo.ontology.find(g.nodes[n].concept_id);
        if (index < 0 || !demo.ontology.concepts[std::size_t(index)].rare || symptoms[n].size() < 4)
            continue;
        auto list = symptoms[n];
        std::sort(list.rbegin(), list.rend());
        RareCase c;
        c.disease = int(n);
        for (std::size_t k = 0; k < 4; ++k)
            c.symptoms.push_back(list[k].second);
        return c;
    }
    return {};
}

// The zh_CN catalogues of the knowledge graph views straight from translations/zh_CN/*.json
// (the .ts is filled from them later), so that the pictures show the Chinese as written.
class JsonTranslator : public QTranslator
{
public:
    bool load(const QStringList &files)
    {
        for (const QString &path : files) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QJsonObject table = QJsonDocument::fromJson(f.readAll()).object();
            for (auto it = table.begin(); it != table.end(); ++it)
                m_table.insert(it.key(), it.value());
        }
        return !m_table.isEmpty();
    }
    bool isEmpty() const override { return m_table.isEmpty(); }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return m_table.value(QString::fromUtf8(context) + QLatin1Char('|') + QString::fromUtf8(source)).toString();
    }

private:
    QJsonObject m_table;
};

// A graph big enough that its layout takes a while (a second or more): diseases with their
// symptoms and a drug each, in a fixed pattern.
inline kg::KnowledgeGraph bigGraph(int diseases)
{
    kg::KnowledgeGraph g;
    const auto add = [&](const char *prefix, kg::ConceptType type, int i) {
        char id[32];
        std::snprintf(id, sizeof id, "%s%05d", prefix, i);
        kg::GraphNode node;
        node.concept_id = node.name = id;
        node.type = type;
        node.forms = {id};
        node.mentions = 1 + i % 7;
        g.nodes.push_back(std::move(node));
        return int(g.nodes.size()) - 1;
    };
    const auto relate = [&](int head, int tail, kg::RelationType type, double confidence) {
        kg::GraphEdge e;
        e.head = head;
        e.tail = tail;
        e.type = type;
        e.confidence = confidence;
        g.edges.push_back(std::move(e));
    };
    std::vector<int> symptoms;
    for (int i = 0; i < diseases * 2; ++i)
        symptoms.push_back(add("SYM", kg::ConceptType::Symptom, i));
    for (int d = 0; d < diseases; ++d) {
        const int disease = add("DIS", kg::ConceptType::Disease, d);
        const int drug = add("DRG", kg::ConceptType::Drug, d);
        for (int k = 0; k < 4; ++k)
            relate(disease, symptoms[std::size_t((d * 7 + k * 13) % symptoms.size())], kg::RelationType::HasSymptom,
                   0.6 + 0.1 * k);
        relate(drug, disease, kg::RelationType::Treats, 0.8);
    }
    g.reindex();
    return g;
}

} // namespace kgwindowfixture
