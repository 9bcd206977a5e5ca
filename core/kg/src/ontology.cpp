// The ontology generator: made-up concepts with medical morphology (name_parts.h), their
// surface forms split between training and held-out text, shared abbreviations, and the
// true relations the corpus is written from.

#include "seekbench/kg/ontology.h"

#include "data_random.h"
#include "name_parts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace seekbench::kg {

namespace {

std::string lowered(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Every surface form of every concept, compared case-insensitively, so that a form names
// one concept only (shared abbreviations are the deliberate exception).
class FormRegistry
{
public:
    bool claim(const std::string &form) { return !form.empty() && m_forms.insert(lowered(form)).second; }

private:
    std::unordered_set<std::string> m_forms;
};

std::string conceptId(ConceptType type, int number)
{
    static constexpr const char *kPrefixes[] = {"DIS", "SYM", "GEN", "DRG", "LAB"};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%04d", kPrefixes[static_cast<int>(type)], number);
    return buffer;
}

names::Forms formsFor(DataRandom &rng, ConceptType type, int index, bool rare)
{
    switch (type) {
    case ConceptType::Disease: return names::diseaseForms(rng, rare);
    case ConceptType::Symptom: return names::symptomForms(rng, index);
    case ConceptType::Gene: return names::geneForms(rng);
    case ConceptType::Drug: return names::drugForms(rng);
    case ConceptType::LabTest: return names::labTestForms(rng);
    }
    return {};
}

double abbreviationChance(ConceptType type)
{
    switch (type) {
    case ConceptType::Disease: return 0.5;
    case ConceptType::LabTest: return 0.3;
    case ConceptType::Symptom: return 0.1;
    default: return 0.0;
    }
}

// A concept with a unique name, 1-3 unique synonyms, maybe an abbreviation and 1-2
// misspellings (one typing slip each, distinct from every other form).
Concept makeConcept(DataRandom &rng, FormRegistry &registry, ConceptType type, int index, bool rare)
{
    Concept c;
    c.id = conceptId(type, index + 1);
    c.type = type;
    c.rare = rare;
    names::Forms forms;
    for (int attempt = 0;; ++attempt) {
        forms = formsFor(rng, type, index, rare);
        // Past the made-up names' capacity (a very large ontology) a number keeps it unique.
        if (attempt >= 40)
            forms.name += " " + std::to_string(attempt);
        if (registry.claim(forms.name))
            break;
    }
    c.name = forms.name;
    rng.shuffle(forms.synonyms);
    const std::size_t wanted = 1 + (rng.chance(0.85) ? 1 : 0) + (rng.chance(0.5) ? 1 : 0);
    for (const std::string &candidate : forms.synonyms) {
        if (c.synonyms.size() < wanted && registry.claim(candidate))
            c.synonyms.push_back(candidate);
    }
    if (rng.chance(abbreviationChance(type))) {
        const std::string abbreviation = names::initials(c.name);
        if (abbreviation.size() >= 2 && registry.claim(abbreviation))
            c.abbreviations.push_back(abbreviation);
    }
    const std::size_t slips = rng.chance(0.5) ? 2 : 1;
    for (int attempt = 0; attempt < 12 && c.misspellings.size() < slips; ++attempt) {
        const bool fromName = c.synonyms.empty() || rng.chance(0.6);
        const std::string &source = fromName ? c.name : rng.pick(c.synonyms);
        const std::string slip = names::misspelled(rng, source);
        if (slip != source && registry.claim(slip))
            c.misspellings.push_back(slip);
    }
    return c;
}

// An upper-case abbreviation no concept uses yet: the first concept's initials when free,
// else three random letters.
std::string freeAbbreviation(DataRandom &rng, FormRegistry &registry, const Concept &first)
{
    const std::string initials = names::initials(first.name);
    if (initials.size() >= 2 && registry.claim(initials))
        return initials;
    for (;;) {
        std::string letters;
        for (int i = 0; i < 3; ++i)
            letters += static_cast<char>('A' + rng.below(26));
        if (registry.claim(letters))
            return letters;
    }
}

// Gives `count` abbreviations to two concepts each: half of them two diseases (the same
// type, resolvable only from context), half a disease and a concept of another type.
void shareAbbreviations(DataRandom &rng, FormRegistry &registry, Ontology &ontology, int count)
{
    std::vector<int> byType[kConceptTypes];
    for (std::size_t i = 0; i < ontology.concepts.size(); ++i)
        byType[static_cast<int>(ontology.concepts[i].type)].push_back(static_cast<int>(i));
    for (auto &pool : byType)
        rng.shuffle(pool);
    std::size_t next[kConceptTypes] = {};
    auto take = [&](ConceptType type) {
        const int t = static_cast<int>(type);
        return next[t] < byType[t].size() ? byType[t][next[t]++] : -1;
    };
    static constexpr ConceptType kOtherTypes[] = {ConceptType::LabTest, ConceptType::Drug, ConceptType::Symptom};
    for (int k = 0; k < count; ++k) {
        const bool sameType = k % 2 == 0;
        const int first = take(ConceptType::Disease);
        const int second = take(sameType ? ConceptType::Disease : kOtherTypes[(k / 2) % 3]);
        if (first < 0 || second < 0)
            return;
        Concept &a = ontology.concepts[static_cast<std::size_t>(first)];
        Concept &b = ontology.concepts[static_cast<std::size_t>(second)];
        const std::string shared = a.abbreviations.empty() ? freeAbbreviation(rng, registry, a) : a.abbreviations[0];
        if (a.abbreviations.empty())
            a.abbreviations.push_back(shared);
        b.abbreviations.push_back(shared);
    }
}

// Moves one synonym (most concepts) and one misspelling (many) to the held-out forms.
void holdOutForms(DataRandom &rng, Concept &c)
{
    auto moveOne = [&](std::vector<std::string> &forms, double chanceIfMany, double chanceIfOne) {
        if (forms.empty() || !rng.chance(forms.size() >= 2 ? chanceIfMany : chanceIfOne))
            return;
        const auto at = static_cast<std::ptrdiff_t>(rng.below(static_cast<int>(forms.size())));
        c.held_out_forms.push_back(forms[static_cast<std::size_t>(at)]);
        forms.erase(forms.begin() + at);
    };
    moveOne(c.synonyms, 0.9, 0.4);
    moveOne(c.misspellings, 0.8, 0.5);
}

double rounded(double value, double step) { return std::round(value / step) * step; }

// `count` distinct members of `pool`, uniformly (pool is short: a linear check is enough).
std::vector<int> distinctPicks(DataRandom &rng, const std::vector<int> &pool, int count,
                               const std::vector<int> &excluded = {})
{
    std::vector<int> picks;
    for (int attempt = 0; attempt < count * 20 && static_cast<int>(picks.size()) < count && !pool.empty(); ++attempt) {
        const int p = rng.pick(pool);
        if (std::find(picks.begin(), picks.end(), p) == picks.end()
            && std::find(excluded.begin(), excluded.end(), p) == excluded.end())
            picks.push_back(p);
    }
    return picks;
}

void addRelations(DataRandom &rng, const OntologyOptions &options, Ontology &ontology)
{
    std::vector<int> byType[kConceptTypes];
    for (std::size_t i = 0; i < ontology.concepts.size(); ++i)
        byType[static_cast<int>(ontology.concepts[i].type)].push_back(static_cast<int>(i));
    const auto &diseases = byType[static_cast<int>(ConceptType::Disease)];
    const auto &symptoms = byType[static_cast<int>(ConceptType::Symptom)];
    // Fever and the other common symptoms come first; the rest are specific phenotypes.
    const std::size_t commonCount = std::min<std::size_t>(names::kCommonSymptomCount, symptoms.size());
    const std::vector<int> common(symptoms.begin(), symptoms.begin() + static_cast<std::ptrdiff_t>(commonCount));
    const std::vector<int> specific(symptoms.begin() + static_cast<std::ptrdiff_t>(commonCount), symptoms.end());
    auto add = [&](int head, int tail, RelationType type, double frequency) {
        ontology.relations.push_back({head, tail, type, frequency});
    };
    const int low = std::max(0, options.symptoms_per_disease_min);
    const int high = std::max(low, options.symptoms_per_disease_max);
    for (int d : diseases) {
        const bool rare = ontology.concepts[static_cast<std::size_t>(d)].rare;
        const int wanted = rng.between(low, high);
        // Rare diseases have mostly specific symptoms; common ones share more of the common.
        const int fromCommon = specific.empty() ? wanted : static_cast<int>(std::lround(wanted * (rare ? 0.3 : 0.5)));
        std::vector<int> picked = distinctPicks(rng, common, fromCommon);
        for (int s : picked)
            add(d, s, RelationType::HasSymptom, rounded(0.1 + 0.6 * rng.uniform(), 0.01));
        for (int s : distinctPicks(rng, specific, wanted - static_cast<int>(picked.size())))
            add(d, s, RelationType::HasSymptom, rounded((rare ? 0.4 : 0.2) + (rare ? 0.55 : 0.6) * rng.uniform(), 0.01));
    }
    const auto &genes = byType[static_cast<int>(ConceptType::Gene)];
    for (int d : diseases) {
        const bool rare = ontology.concepts[static_cast<std::size_t>(d)].rare;
        if (!rng.chance(rare ? options.caused_by_gene_share : options.caused_by_gene_share / 10))
            continue;
        for (int g : distinctPicks(rng, genes, rng.chance(0.15) ? 2 : 1))
            add(d, g, RelationType::CausedBy, 1);
    }
    // Each drug treats 1-3 diseases, the first in turn through all of them so that most
    // diseases have a treatment, and is contraindicated for 0-2 others.
    std::vector<int> turn = diseases;
    rng.shuffle(turn);
    std::size_t cursor = 0;
    for (int drug : byType[static_cast<int>(ConceptType::Drug)]) {
        if (turn.empty())
            break;
        std::vector<int> treated = {turn[cursor++ % turn.size()]};
        for (int d : distinctPicks(rng, diseases, rng.between(0, 2), treated))
            treated.push_back(d);
        for (int d : treated)
            add(drug, d, RelationType::Treats, 1);
        for (int d : distinctPicks(rng, diseases, rng.between(0, 2), treated))
            add(drug, d, RelationType::ContraindicatedFor, 1);
    }
    for (int d : diseases) {
        for (int lab : distinctPicks(rng, byType[static_cast<int>(ConceptType::LabTest)], rng.between(1, 2)))
            add(d, lab, RelationType::DiagnosedBy, 1);
    }
}

} // namespace

Ontology generateOntology(const OntologyOptions &options)
{
    DataRandom rng(options.seed ^ 0x6b672d6f6e746f6cULL);
    FormRegistry registry;
    Ontology ontology;
    const int counts[kConceptTypes] = {std::max(0, options.diseases), std::max(0, options.symptoms),
                                       std::max(0, options.genes), std::max(0, options.drugs),
                                       std::max(0, options.lab_tests)};
    const int rareCount = static_cast<int>(std::lround(counts[0] * std::clamp(options.rare_share, 0.0, 1.0)));
    std::vector<char> rare(static_cast<std::size_t>(counts[0]), 0);
    std::fill(rare.begin(), rare.begin() + rareCount, char(1));
    rng.shuffle(rare);
    for (int t = 0; t < kConceptTypes; ++t) {
        const auto type = static_cast<ConceptType>(t);
        for (int i = 0; i < counts[t]; ++i) {
            const bool isRare = type == ConceptType::Disease && rare[static_cast<std::size_t>(i)] != 0;
            Concept c = makeConcept(rng, registry, type, i, isRare);
            if (type == ConceptType::Disease) {
                // Log-uniform prevalence per 100,000: rare below the EU's 50, common above it.
                const double lo = isRare ? 0.5 : 50.0, hi = isRare ? 45.0 : 5000.0;
                c.prevalence = rounded(std::exp(std::log(lo) + rng.uniform() * std::log(hi / lo)), 0.1);
            }
            ontology.concepts.push_back(std::move(c));
        }
    }
    shareAbbreviations(rng, registry, ontology, std::max(0, options.shared_abbreviations));
    for (Concept &c : ontology.concepts)
        holdOutForms(rng, c);
    addRelations(rng, options, ontology);
    ontology.reindex();
    return ontology;
}

} // namespace seekbench::kg
