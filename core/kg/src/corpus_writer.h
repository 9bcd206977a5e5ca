#pragma once

// The corpus generator's pieces: what the ontology says about each disease, indexed for
// writing (CorpusFacts), and a sentence written from a pattern with its entity spans and
// the surface form of each mention chosen as the document's split allows (SentenceWriter).

#include "seekbench/kg/corpus.h"

#include "data_random.h"

#include <cctype>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace seekbench::kg {

struct Related
{
    int index = 0; // into Ontology::concepts
    double frequency = 1;
};

// Per disease, its related concepts by relation type; and every related pair, so that
// co-mentions "without a relation" can be picked truly unrelated.
struct CorpusFacts
{
    std::vector<int> ofType[kConceptTypes];
    std::vector<std::vector<Related>> symptoms, genes, treatments, contraindicated, labTests; // by concept index
    std::unordered_set<std::uint64_t> related;

    static std::uint64_t key(int a, int b)
    {
        const auto lo = static_cast<std::uint32_t>(std::min(a, b)), hi = static_cast<std::uint32_t>(std::max(a, b));
        return (std::uint64_t(lo) << 32) | hi;
    }

    explicit CorpusFacts(const Ontology &ontology)
    {
        const std::size_t n = ontology.concepts.size();
        for (auto *list : {&symptoms, &genes, &treatments, &contraindicated, &labTests})
            list->resize(n);
        for (std::size_t i = 0; i < n; ++i)
            ofType[static_cast<int>(ontology.concepts[i].type)].push_back(static_cast<int>(i));
        for (const OntologyRelation &r : ontology.relations) {
            if (r.head < 0 || r.tail < 0 || static_cast<std::size_t>(r.head) >= n
                || static_cast<std::size_t>(r.tail) >= n)
                continue;
            related.insert(key(r.head, r.tail));
            const auto h = static_cast<std::size_t>(r.head), t = static_cast<std::size_t>(r.tail);
            switch (r.type) {
            case RelationType::HasSymptom: symptoms[h].push_back({r.tail, r.frequency}); break;
            case RelationType::CausedBy: genes[h].push_back({r.tail, 1}); break;
            case RelationType::Treats: treatments[t].push_back({r.head, 1}); break;
            case RelationType::ContraindicatedFor: contraindicated[t].push_back({r.head, 1}); break;
            case RelationType::DiagnosedBy: labTests[h].push_back({r.tail, 1}); break;
            case RelationType::None: break;
            }
        }
    }
    bool areRelated(int a, int b) const { return related.count(key(a, b)) != 0; }
};

// One mention in a pattern: "{0}" in the pattern is slots[0].
struct Slot
{
    int index = 0; // into Ontology::concepts
    bool negated = false;
    bool hedged = false;
};

// The patient of a case note, for "{A}" (its article), "{age}", "{person}", "{He}", "{he}", "{His}", "{his}".
struct Patient
{
    int age = 40;
    bool female = false;
    std::string duration = "two weeks";
};

struct FormChoice
{
    bool heldOutDocument = false;
    double heldOutRate = 0.6;
};

class SentenceWriter
{
public:
    SentenceWriter(const Ontology &ontology, DataRandom &rng, const FormChoice &forms, const Patient &patient)
        : m_ontology(ontology), m_rng(rng), m_forms(forms), m_patient(patient)
    {}

    // Writes `pattern` with its slots; returns each slot's entity index in the sentence.
    std::vector<int> write(std::string_view pattern, const std::vector<Slot> &slots)
    {
        m_sentence = Sentence{};
        std::vector<int> entityOf(slots.size(), -1);
        std::string &text = m_sentence.text;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i] != '{') {
                text += pattern[i];
                continue;
            }
            const std::size_t close = pattern.find('}', i);
            const std::string_view key = pattern.substr(i + 1, close - i - 1);
            i = close;
            if (!key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) {
                const auto s = static_cast<std::size_t>(std::stoi(std::string(key)));
                entityOf[s] = static_cast<int>(m_sentence.entities.size());
                mention(slots[s], slots.size() >= 2);
            } else {
                text += word(key);
            }
        }
        return entityOf;
    }
    void relate(int head, int tail, RelationType type) { m_sentence.relations.push_back({head, tail, type}); }
    Sentence take() { return std::move(m_sentence); }

private:
    void mention(const Slot &slot, bool hasContext)
    {
        const Concept &c = m_ontology.concepts[static_cast<std::size_t>(slot.index)];
        std::string form = surface(c, hasContext);
        if (m_sentence.text.empty() && std::islower(static_cast<unsigned char>(form[0])))
            form[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(form[0])));
        const int begin = static_cast<int>(m_sentence.text.size());
        m_sentence.text += form;
        m_sentence.entities.push_back(
            {begin, static_cast<int>(m_sentence.text.size()), c.type, c.id, slot.negated, slot.hedged});
    }

    // Held-out forms only in held-out documents; abbreviations only where other mentions
    // give the context that tells a shared one apart.
    const std::string &surface(const Concept &c, bool hasContext)
    {
        if (m_forms.heldOutDocument && !c.held_out_forms.empty() && m_rng.chance(m_forms.heldOutRate))
            return m_rng.pick(c.held_out_forms);
        const double r = m_rng.uniform();
        if (r < 0.3 && !c.synonyms.empty())
            return m_rng.pick(c.synonyms);
        if (r < 0.42 && hasContext && !c.abbreviations.empty())
            return m_rng.pick(c.abbreviations);
        if (r < 0.5 && !c.misspellings.empty())
            return m_rng.pick(c.misspellings);
        return c.name;
    }

    std::string word(std::string_view key) const
    {
        const bool child = m_patient.age < 18;
        if (key == "A") // "An 8-year-old", "An 18-year-old"
            return m_patient.age == 8 || m_patient.age == 11 || m_patient.age == 18 || m_patient.age / 10 == 8 ? "An"
                                                                                                               : "A";
        if (key == "age")
            return std::to_string(m_patient.age);
        if (key == "person")
            return m_patient.female ? (child ? "girl" : "woman") : (child ? "boy" : "man");
        if (key == "dur")
            return m_patient.duration;
        if (key == "He")
            return m_patient.female ? "She" : "He";
        if (key == "he")
            return m_patient.female ? "she" : "he";
        if (key == "His")
            return m_patient.female ? "Her" : "His";
        return m_patient.female ? "her" : "his";
    }

    const Ontology &m_ontology;
    DataRandom &m_rng;
    const FormChoice &m_forms;
    const Patient &m_patient;
    Sentence m_sentence;
};

} // namespace seekbench::kg
