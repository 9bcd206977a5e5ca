#include "seekbench/kg/kg_evaluation.h"

#include "seekbench/kg/baseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace seekbench::kg {
namespace {

using nlohmann::json;

std::unordered_map<std::string, const Sentence *> sentencesById(const Corpus &corpus)
{
    std::unordered_map<std::string, const Sentence *> m;
    for (const Document &d : corpus.documents) {
        for (const Sentence &s : d.sentences)
            m.emplace(s.id, &s);
    }
    return m;
}

// The outputs come from a file: every sentence id must be the corpus's, every span inside
// its sentence and every relation between two of its entities.
void checkOutputs(const std::unordered_map<std::string, const Sentence *> &byId,
                  const std::vector<SentencePrediction> &predictions)
{
    for (const SentencePrediction &p : predictions) {
        const auto it = byId.find(p.sentence_id);
        if (it == byId.end())
            throw std::invalid_argument("the model's outputs name sentence '" + p.sentence_id
                                        + "', which the corpus does not have: they belong to another corpus");
        const auto size = int(it->second->text.size());
        for (const PredictedEntity &e : p.entities) {
            if (e.begin < 0 || e.end <= e.begin || e.end > size)
                throw std::invalid_argument("the model's outputs give sentence '" + p.sentence_id + "' a span "
                                            + std::to_string(e.begin) + "-" + std::to_string(e.end) + " outside its "
                                            + std::to_string(size) + " bytes");
        }
        for (const PredictedRelation &r : p.relations) {
            if (r.head < 0 || r.tail < 0 || std::size_t(r.head) >= p.entities.size()
                || std::size_t(r.tail) >= p.entities.size())
                throw std::invalid_argument("the model's outputs give sentence '" + p.sentence_id
                                            + "' a relation between entities it does not have");
        }
    }
}

struct Parts
{
    std::vector<Sentence> testGold;
    std::vector<std::size_t> testIndex; // of the test sentences in corpus order
    std::unordered_set<std::string> testIds;
};

Parts partsOf(const Corpus &corpus)
{
    Parts p;
    for (const Document &d : corpus.documents) {
        if (d.split != Split::Test)
            continue;
        for (const Sentence &s : d.sentences) {
            p.testGold.push_back(s);
            p.testIds.insert(s.id);
        }
    }
    return p;
}

std::vector<SentencePrediction> onlyTest(const std::vector<SentencePrediction> &all, const Parts &parts)
{
    std::vector<SentencePrediction> out;
    for (const SentencePrediction &p : all) {
        if (parts.testIds.count(p.sentence_id))
            out.push_back(p);
    }
    return out;
}

// Normalised training forms given to two or more concepts.
std::unordered_set<std::string> sharedForms(const Ontology &ontology)
{
    std::unordered_map<std::string, std::unordered_set<int>> owners;
    for (std::size_t c = 0; c < ontology.concepts.size(); ++c) {
        const Concept &k = ontology.concepts[c];
        owners[normaliseMention(k.name)].insert(int(c));
        for (const auto *list : {&k.synonyms, &k.abbreviations, &k.misspellings})
            for (const std::string &f : *list)
                owners[normaliseMention(f)].insert(int(c));
    }
    std::unordered_set<std::string> shared;
    for (const auto &[form, who] : owners)
        if (who.size() > 1)
            shared.insert(form);
    return shared;
}

// Gold test mentions written with a held-out form or a shared (ambiguous) form, and how the
// extractor did on them.
void hardForms(const Ontology &ontology, const Parts &parts, const std::vector<SentencePrediction> &predicted,
               ExtractorEvaluation &e)
{
    std::unordered_map<std::string, const SentencePrediction *> byId;
    for (const SentencePrediction &p : predicted)
        byId.emplace(p.sentence_id, &p);
    const std::unordered_set<std::string> shared = sharedForms(ontology);
    for (const Sentence &s : parts.testGold) {
        for (const EntitySpan &g : s.entities) {
            const int c = g.concept_id.empty() ? -1 : ontology.find(g.concept_id);
            if (c < 0)
                continue;
            const std::string text = s.text.substr(std::size_t(g.begin), std::size_t(g.end - g.begin));
            const auto &held = ontology.concepts[std::size_t(c)].held_out_forms;
            const std::string norm = normaliseMention(text);
            const bool unseen = std::any_of(held.begin(), held.end(),
                                            [&](const std::string &f) { return normaliseMention(f) == norm; });
            const bool ambiguous = shared.count(norm) > 0;
            if (!unseen && !ambiguous)
                continue;
            e.unseen_mentions += unseen ? 1 : 0;
            e.ambiguous_mentions += ambiguous ? 1 : 0;
            const auto it = byId.find(s.id);
            if (it == byId.end())
                continue;
            for (const PredictedEntity &p : it->second->entities) {
                if (p.begin == g.begin && p.end == g.end && p.type == g.type) {
                    const int linked = p.concept_id == g.concept_id ? 1 : 0;
                    e.unseen_found += unseen ? 1 : 0;
                    e.unseen_linked += unseen ? linked : 0;
                    e.ambiguous_found += ambiguous ? 1 : 0;
                    e.ambiguous_linked += ambiguous ? linked : 0;
                    break;
                }
            }
        }
    }
}

json prfJson(const Prf &p)
{
    return {{"precision", p.precision()},
            {"recall", p.recall()},
            {"f1", p.f1()},
            {"tp", p.tp},
            {"fp", p.fp},
            {"fn", p.fn}};
}

json rankingJson(const RankingEvaluation &r)
{
    return {{"patients", r.patients},
            {"rare_patients", r.rare_patients},
            {"top1", r.top1},
            {"top10", r.top10},
            {"rare_top1", r.rare_top1},
            {"rare_top10", r.rare_top10},
            {"mrr", r.mean_reciprocal_rank}};
}

json extractorJson(const ExtractorEvaluation &e)
{
    json byType = json::object(), relByType = json::object();
    for (int t = 0; t < kConceptTypes; ++t)
        byType[std::string(conceptTypeName(ConceptType(t)))]
            = {{"strict", prfJson(e.test.entities_strict_by_type[std::size_t(t)])},
               {"lenient", prfJson(e.test.entities_lenient_by_type[std::size_t(t)])}};
    for (int t = 1; t < kRelationTypes; ++t) {
        relByType[std::string(relationTypeName(RelationType(t)))]
            = {{"extraction", prfJson(e.test.relations_by_type[std::size_t(t)])},
               {"graph", prfJson(e.test_graph.stated_by_type[std::size_t(t)])}};
    }
    json j = {{"name", e.name},
              {"entities_strict", prfJson(e.test.entities_strict)},
              {"entities_lenient", prfJson(e.test.entities_lenient)},
              {"entities_by_type", byType},
              {"relations", prfJson(e.test.relations)},
              {"relations_by_type", relByType},
              {"linking_accuracy", e.test.linkingAccuracy()},
              {"linking_end_to_end", e.test.linkingEndToEnd()},
              {"unseen_forms",
               {{"mentions", e.unseen_mentions}, {"found", e.unseen_found}, {"linked", e.unseen_linked}}},
              {"shared_forms",
               {{"mentions", e.ambiguous_mentions}, {"found", e.ambiguous_found}, {"linked", e.ambiguous_linked}}},
              {"test_graph",
               {{"all", prfJson(e.test_graph.all)},
                {"stated", prfJson(e.test_graph.stated)},
                {"candidate_nodes", e.test_graph.candidate_nodes},
                {"contradicted_edges", e.test_graph.contradicted_edges},
                {"rejected", e.test_graph.rejected}}}};
    if (e.ranking)
        j["ranking"] = rankingJson(*e.ranking);
    return j;
}

void addMetrics(const ExtractorEvaluation &e, std::map<std::string, double> &m)
{
    const std::string p = "kg/" + e.name + "_";
    m[p + "entity_f1"] = e.test.entities_strict.f1();
    m[p + "entity_f1_lenient"] = e.test.entities_lenient.f1();
    m[p + "relation_f1"] = e.test.relations.f1();
    m[p + "linking_accuracy"] = e.test.linkingAccuracy();
    m[p + "graph_precision"] = e.test_graph.stated.precision();
    m[p + "graph_recall"] = e.test_graph.stated.recall();
    if (e.unseen_mentions > 0) {
        m[p + "unseen_recall"] = double(e.unseen_found) / double(e.unseen_mentions);
        m[p + "unseen_linked"] = double(e.unseen_linked) / double(e.unseen_mentions);
    }
    if (e.ambiguous_found > 0)
        m[p + "shared_form_linking"] = double(e.ambiguous_linked) / double(e.ambiguous_found);
    if (e.ranking) {
        m[p + "rare_top1"] = e.ranking->rare_top1;
        m[p + "rare_top10"] = e.ranking->rare_top10;
    }
}

ExtractorEvaluation evaluateExtractor(const std::string &name, const Ontology &ontology, bool generated,
                                      const Parts &parts, const std::vector<SentencePrediction> &all,
                                      const KnowledgeGraph &graph, const std::vector<Patient> &patients,
                                      const KgEvaluationOptions &options)
{
    ExtractorEvaluation e;
    e.name = name;
    const std::vector<SentencePrediction> test = onlyTest(all, parts);
    e.test = scoreExtraction(parts.testGold, test);
    hardForms(ontology, parts, test, e);
    e.test_graph = scoreGraph(buildGraph(ontology, test, options.build), ontology, parts.testGold);
    if (generated)
        e.ranking = evaluateRanking(graph, ontology, patients, options.rank);
    return e;
}

} // namespace

Ontology ontologyFromCorpus(const Corpus &corpus)
{
    struct Seen
    {
        std::array<int, kConceptTypes> types{};
        std::map<std::string, int> forms;
    };
    std::map<std::string, Seen> seen;
    std::set<std::tuple<std::string, int, std::string>> relations;
    for (const Document &d : corpus.documents) {
        for (const Sentence &s : d.sentences) {
            for (const EntitySpan &e : s.entities) {
                if (e.concept_id.empty() || d.split != Split::Train)
                    continue;
                Seen &c = seen[e.concept_id];
                ++c.types[std::size_t(e.type)];
                ++c.forms[s.text.substr(std::size_t(e.begin), std::size_t(e.end - e.begin))];
            }
            for (const RelationMention &r : s.relations) {
                const std::string &h = s.entities[std::size_t(r.head)].concept_id;
                const std::string &t = s.entities[std::size_t(r.tail)].concept_id;
                if (!h.empty() && !t.empty())
                    relations.emplace(h, int(r.type), t);
            }
        }
    }
    Ontology o;
    for (const auto &[id, c] : seen) {
        Concept k;
        k.id = id;
        k.type = ConceptType(std::max_element(c.types.begin(), c.types.end()) - c.types.begin());
        std::vector<std::pair<int, std::string>> forms;
        for (const auto &[f, n] : c.forms)
            forms.emplace_back(-n, f);
        std::sort(forms.begin(), forms.end());
        k.name = forms.front().second;
        for (std::size_t i = 1; i < forms.size(); ++i)
            k.synonyms.push_back(forms[i].second);
        o.concepts.push_back(std::move(k));
    }
    o.reindex();
    for (const auto &[h, type, t] : relations) {
        const int hi = o.find(h), ti = o.find(t);
        if (hi >= 0 && ti >= 0
            && relationAllowed(RelationType(type), o.concepts[std::size_t(hi)].type, o.concepts[std::size_t(ti)].type))
            o.relations.push_back({hi, ti, RelationType(type), 1.0});
    }
    return o;
}

BaselineGraph buildBaselineGraph(const Corpus &corpus, const Ontology &ontology, const BuildOptions &options)
{
    Corpus training;
    std::vector<Sentence> all;
    for (const Document &d : corpus.documents) {
        if (d.split == Split::Train)
            training.documents.push_back(d);
        all.insert(all.end(), d.sentences.begin(), d.sentences.end());
    }
    BaselineGraph b;
    b.predictions = DictionaryBaseline(ontology, training).extractAll(all);
    for (std::size_t i = 0; i < all.size(); ++i)
        markNegationAndHedging(all[i].text, b.predictions[i]);
    b.graph = buildGraph(ontology, b.predictions, options, &corpus);
    return b;
}

KgEvaluation evaluateKgRun(const Corpus &corpus, const Ontology &ontology, bool generatedOntology,
                           const ExtractionOutputs &outputs, const KgEvaluationOptions &options)
{
    const auto byId = sentencesById(corpus);
    checkOutputs(byId, outputs.sentences);
    KgEvaluation ev;
    ev.predictions = outputs.sentences;
    const Linker linker(ontology, outputs.prototype_ids, outputs.prototypes, outputs.dim, options.link);
    linker.linkAll(corpus, ev.predictions);
    for (SentencePrediction &p : ev.predictions)
        markNegationAndHedging(byId.at(p.sentence_id)->text, p);
    ev.graph = buildGraph(ontology, ev.predictions, options.build, &corpus);

    const Parts parts = partsOf(corpus);
    if (parts.testGold.empty())
        ev.notes.push_back("the corpus has no test documents: no extraction or graph figures");
    std::vector<Patient> patients;
    if (generatedOntology) {
        patients = generatePatients(ontology, options.patients);
        ev.ceiling = evaluateRanking(ontologyGraph(ontology), ontology, patients, options.rank);
    } else {
        ev.notes.push_back("the corpus was imported without an ontology: the graph is scored against the corpus's "
                           "own annotations and no patients are generated for the ranking");
    }
    ev.extractors.push_back(
        evaluateExtractor("model", ontology, generatedOntology, parts, ev.predictions, ev.graph, patients, options));
    const BaselineGraph base = buildBaselineGraph(corpus, ontology, options.build);
    ev.extractors.push_back(evaluateExtractor("dictionary", ontology, generatedOntology, parts, base.predictions,
                                              base.graph, patients, options));

    json j = {{"protocol",
               "extraction and graph figures on the test documents (surface forms unseen in training); the ranking "
               "on graphs built from every document, against the ontology's own graph"},
              {"documents", corpus.documents.size()},
              {"graph",
               {{"nodes", ev.graph.nodes.size()},
                {"edges", ev.graph.edges.size()},
                {"rejected", ev.graph.rejected.size()}}},
              {"extractors", json::array()},
              {"notes", ev.notes}};
    for (const ExtractorEvaluation &e : ev.extractors) {
        j["extractors"].push_back(extractorJson(e));
        addMetrics(e, ev.metrics);
    }
    if (ev.ceiling) {
        j["ceiling"] = rankingJson(*ev.ceiling);
        ev.metrics["kg/ceiling_rare_top1"] = ev.ceiling->rare_top1;
        ev.metrics["kg/ceiling_rare_top10"] = ev.ceiling->rare_top10;
    }
    ev.json = j.dump(2);
    return ev;
}

} // namespace seekbench::kg
