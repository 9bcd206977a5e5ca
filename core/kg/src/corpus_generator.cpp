// The corpus generator: case notes about one patient and textbook paragraphs about one
// disease, written from the ontology's true relations with distinguishing wording (TREATS
// against CONTRAINDICATED_FOR), negated and hedged mentions, pairs mentioned together
// without a relation, and distractor sentences.

#include "seekbench/kg/corpus.h"

#include "corpus_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace seekbench::kg {

namespace {

constexpr const char *kDurations[] = {"two days",   "five days",  "a week", "three weeks",
                                      "two months", "six months", "a year"};
constexpr const char *kCaseDistractors[]
    = {"{He} was discharged in stable condition.", "Follow-up was arranged in three months.",
       "Vital signs were within normal limits.",   "{He} lives with {his} family and does not smoke.",
       "The family history was unremarkable.",     "{He} was seen again in the outpatient clinic.",
       "Informed consent was obtained.",           "{His} blood pressure was 128/76 mmHg."};
constexpr const char *kTextbookDistractors[] = {"Management is supportive in most cases.",
                                                "Long-term follow-up is recommended.",
                                                "Patient education improves adherence.",
                                                "Referral to a specialist centre may be needed."};

class CorpusWriter
{
public:
    CorpusWriter(const Ontology &ontology, const CorpusOptions &options)
        : m_ontology(ontology), m_options(options), m_facts(ontology), m_rng(options.seed ^ 0x6b672d636f727075ULL)
    {}

    Document document(const std::string &id, Split split, int disease, bool caseNote)
    {
        m_forms = {split != Split::Train, m_options.held_out_form_rate};
        m_patient = {};
        const bool child = m_ontology.concepts[static_cast<std::size_t>(disease)].rare && m_rng.chance(0.3);
        m_patient.age = child ? m_rng.between(2, 17) : m_rng.between(18, 86);
        m_patient.female = m_rng.chance(0.5);
        m_patient.duration = m_rng.pick(kDurations);
        Document doc;
        doc.id = id;
        doc.split = split;
        m_sentences = &doc.sentences;
        if (caseNote)
            writeCaseNote(disease);
        else
            writeTextbook(disease);
        for (std::size_t i = 0; i < doc.sentences.size(); ++i)
            doc.sentences[i].id = id + ":" + std::to_string(i);
        return doc;
    }

private:
    SentenceWriter writer() { return SentenceWriter(m_ontology, m_rng, m_forms, m_patient); }

    void add(SentenceWriter &w) { m_sentences->push_back(w.take()); }

    // One pattern with relations between its slots: (head slot, tail slot, type).
    struct Link
    {
        int head, tail;
        RelationType type;
    };
    void say(std::string_view pattern, const std::vector<Slot> &slots, const std::vector<Link> &links = {})
    {
        SentenceWriter w = writer();
        const std::vector<int> at = w.write(pattern, slots);
        for (const Link &l : links) {
            if (!slots[static_cast<std::size_t>(l.head)].negated && !slots[static_cast<std::size_t>(l.tail)].negated)
                w.relate(at[static_cast<std::size_t>(l.head)], at[static_cast<std::size_t>(l.tail)], l.type);
        }
        add(w);
    }

    // "{1}, {2} and {3}" for slots first..first+count-1.
    static std::string listPattern(int first, int count)
    {
        std::string out;
        for (int i = 0; i < count; ++i) {
            out += (i == 0 ? "" : i + 1 == count ? " and " : ", ") + ("{" + std::to_string(first + i) + "}");
        }
        return out;
    }

    // A concept of `type` unrelated to `disease`; -1 when none is found quickly.
    int unrelated(ConceptType type, int disease)
    {
        const auto &pool = m_facts.ofType[static_cast<int>(type)];
        for (int attempt = 0; attempt < 20 && !pool.empty(); ++attempt) {
            const int c = m_rng.pick(pool);
            if (c != disease && !m_facts.areRelated(c, disease))
                return c;
        }
        return -1;
    }

    // The patient's symptoms: each with its frequency, at least the most frequent one.
    std::vector<int> presentingSymptoms(int disease, int most)
    {
        std::vector<int> out;
        const auto &list = m_facts.symptoms[static_cast<std::size_t>(disease)];
        for (const Related &s : list)
            if (static_cast<int>(out.size()) < most && m_rng.chance(s.frequency))
                out.push_back(s.index);
        if (out.empty() && !list.empty())
            out.push_back(std::max_element(list.begin(), list.end(), [](const Related &a, const Related &b) {
                              return a.frequency < b.frequency;
                          })->index);
        return out;
    }

    bool hedge() { return m_rng.chance(m_options.hedge_rate); }

    void presentation(int d)
    {
        const std::vector<int> symptoms = presentingSymptoms(d, 3);
        if (symptoms.empty()) {
            say("{A} {age}-year-old {person} was referred with {0}.", {{d}});
            return;
        }
        const int n = static_cast<int>(symptoms.size());
        std::vector<Slot> slots = {{d}};
        std::vector<Link> links;
        for (int i = 0; i < n; ++i) {
            slots.push_back({symptoms[static_cast<std::size_t>(i)]});
            links.push_back({0, i + 1, RelationType::HasSymptom});
        }
        if (m_rng.chance(0.35)) {
            const bool suspected = hedge();
            slots[0].hedged = suspected;
            say("{A} {age}-year-old {person} with " + std::string(suspected ? "suspected" : "known")
                    + " {0} presented with " + listPattern(1, n) + ".",
                slots, links);
        } else if (m_rng.chance(0.5))
            say("{A} {age}-year-old {person} presented with " + listPattern(0, n) + " of {dur}.",
                std::vector<Slot>(slots.begin() + 1, slots.end()));
        else
            say("{He} reported " + listPattern(0, n) + " for {dur}.", std::vector<Slot>(slots.begin() + 1, slots.end()));
    }

    void negatedSymptoms(int d)
    {
        const int a = unrelated(ConceptType::Symptom, d), b = unrelated(ConceptType::Symptom, d);
        if (a < 0 || b < 0 || a == b)
            return;
        const Slot na{a, true}, nb{b, true};
        static constexpr const char *kTwo[] = {"{He} denied {0} and {1}.", "There was no {0} or {1}.",
                                               "Examination was negative for {0} and {1}.",
                                               "{He} had neither {0} nor {1}."};
        static constexpr const char *kOne[] = {"{He} denies {0}.", "No {0} was reported.", "There was no {0}.",
                                               "{He} had been well without {0}."};
        const std::vector<int> own = presentingSymptoms(d, 1);
        if (!own.empty() && m_rng.chance(0.3))
            say("{He} reported {0} but no {1}.", {{own[0]}, na});
        else if (m_rng.chance(0.5))
            say(m_rng.pick(kTwo), {na, nb});
        else
            say(m_rng.pick(kOne), {na});
    }

    void labTest(int d, bool caseNote)
    {
        const auto &labs = m_facts.labTests[static_cast<std::size_t>(d)];
        if (labs.empty())
            return;
        const int lab = m_rng.pick(labs).index;
        static constexpr const char *kSure[] = {"{1} confirmed the diagnosis of {0}.", "{0} was confirmed by {1}.",
                                                "The diagnosis of {0} is confirmed by {1}.",
                                                "{1} is used to diagnose {0}."};
        if (hedge())
            say(caseNote ? "{1} suggested possible {0}." : "{1} may help to diagnose suspected {0}.",
                {{d, false, true}, {lab}}, {{0, 1, RelationType::DiagnosedBy}});
        else
            say(kSure[m_rng.below(2) + (caseNote ? 0 : 2)], {{d}, {lab}}, {{0, 1, RelationType::DiagnosedBy}});
    }

    void gene(int d, bool caseNote)
    {
        const auto &genes = m_facts.genes[static_cast<std::size_t>(d)];
        if (genes.empty())
            return;
        const int g = m_rng.pick(genes).index;
        static constexpr const char *kSure[]
            = {"Genetic testing revealed a pathogenic variant in {1}, consistent with {0}.",
               "Sequencing showed a {1} mutation explaining {0}.", "{0} is caused by mutations in {1}.",
               "Pathogenic variants in {1} cause {0}."};
        if (hedge())
            say("A variant in {1} raised the possibility of suspected {0}.", {{d, false, true}, {g}},
                {{0, 1, RelationType::CausedBy}});
        else
            say(kSure[m_rng.below(2) + (caseNote ? 0 : 2)], {{d}, {g}}, {{0, 1, RelationType::CausedBy}});
    }

    void treatment(int d, bool caseNote)
    {
        const auto &drugs = m_facts.treatments[static_cast<std::size_t>(d)];
        if (drugs.empty())
            return;
        const int x = m_rng.pick(drugs).index;
        static constexpr const char *kSure[] = {"{He} was started on {0} for {1}.", "{His} {1} responded to {0}.",
                                                "{0} is the first-line treatment for {1}.",
                                                "{1} is usually treated with {0}."};
        if (hedge())
            say("{1} may respond to {0}.", {{x, false, true}, {d}}, {{0, 1, RelationType::Treats}});
        else
            say(kSure[m_rng.below(2) + (caseNote ? 0 : 2)], {{x}, {d}}, {{0, 1, RelationType::Treats}});
    }

    void contraindication(int d, bool caseNote)
    {
        const auto &drugs = m_facts.contraindicated[static_cast<std::size_t>(d)];
        if (drugs.empty())
            return;
        const int x = m_rng.pick(drugs).index;
        static constexpr const char *kPatterns[] = {"{0} worsened {His} {1} and was stopped.",
                                                    "{0} was avoided because of {His} {1}.",
                                                    "{0} is contraindicated in {1}.",
                                                    "Avoid {0} in patients with {1}."};
        say(kPatterns[m_rng.below(2) + (caseNote ? 0 : 2)], {{x}, {d}}, {{0, 1, RelationType::ContraindicatedFor}});
    }

    // A drug, symptom or lab test mentioned with the disease but not related to it.
    void coMention(int d)
    {
        switch (m_rng.below(4)) {
        case 0:
            if (const int x = unrelated(ConceptType::Drug, d); x >= 0)
                say(m_rng.chance(0.5) ? "{His} history includes {0}; {he} takes {1} for hypertension."
                                      : "{1} was continued while {0} was investigated.",
                    {{d}, {x}});
            break;
        case 1:
            if (const int s = unrelated(ConceptType::Symptom, d); s >= 0)
                say("{1} was attributed to a viral infection, not {0}.", {{d, true}, {s}});
            break;
        case 2:
            if (const int s = unrelated(ConceptType::Symptom, d); s >= 0)
                say("{1} was noted, although it is not a feature of {0}.", {{d}, {s}});
            break;
        default:
            if (const int lab = unrelated(ConceptType::LabTest, d); lab >= 0)
                say("The {1} was normal, and {0} remained the working diagnosis.", {{d}, {lab}});
            break;
        }
    }

    void diagnosis(int d)
    {
        if (m_rng.chance(0.5)) {
            say(m_rng.chance(0.5) ? "{He} was diagnosed with {0}." : "A diagnosis of {0} was made.", {{d}});
            return;
        }
        const std::vector<int> symptoms = presentingSymptoms(d, 1);
        if (!symptoms.empty())
            say("{1} in this setting is typical of {0}.", {{d}, {symptoms[0]}}, {{0, 1, RelationType::HasSymptom}});
    }

    void distractor(bool caseNote)
    {
        say(caseNote ? m_rng.pick(kCaseDistractors) : m_rng.pick(kTextbookDistractors), {});
    }

    void writeCaseNote(int d)
    {
        const int wanted = m_rng.between(std::max(1, m_options.sentences_min),
                                         std::max(std::max(1, m_options.sentences_min), m_options.sentences_max));
        presentation(d);
        if (m_rng.chance(std::min(1.0, m_options.negation_rate * 4)))
            negatedSymptoms(d);
        // The rest in the order a note tells them: tests, genes, diagnosis, treatment.
        std::vector<int> parts = {0, 1, 2, 3, 4};
        while (static_cast<int>(m_sentences->size()) < wanted && !parts.empty()) {
            if (m_rng.chance(m_options.distractor_rate)) {
                m_rng.chance(0.5) ? distractor(true) : coMention(d);
                continue;
            }
            const int part = parts.front();
            parts.erase(parts.begin());
            switch (part) {
            case 0: labTest(d, true); break;
            case 1: gene(d, true); break;
            case 2: diagnosis(d); break;
            case 3: treatment(d, true); break;
            default: contraindication(d, true); break;
            }
        }
        if (static_cast<int>(m_sentences->size()) < wanted)
            distractor(true);
    }

    void writeTextbook(int d)
    {
        const Concept &c = m_ontology.concepts[static_cast<std::size_t>(d)];
        char prevalence[64];
        std::snprintf(prevalence, sizeof prevalence, "%.1f", c.prevalence);
        say(c.rare ? "{0} is a rare disorder affecting about " + std::string(prevalence) + " in 100,000 people."
                   : std::string("{0} is a common condition seen in general practice."),
            {{d}});
        const std::vector<int> typical = presentingSymptoms(d, 3);
        if (!typical.empty()) {
            std::vector<Slot> slots = {{d}};
            std::vector<Link> links;
            for (std::size_t i = 0; i < typical.size(); ++i) {
                slots.push_back({typical[i], false, false});
                links.push_back({0, static_cast<int>(i) + 1, RelationType::HasSymptom});
            }
            say("Typical features of {0} include " + listPattern(1, static_cast<int>(typical.size())) + ".", slots,
                links);
        }
        const auto &symptoms = m_facts.symptoms[static_cast<std::size_t>(d)];
        if (!symptoms.empty() && m_rng.chance(0.5)) {
            const Related &s = m_rng.pick(symptoms);
            say("{1} occurs in about " + std::to_string(static_cast<int>(std::lround(s.frequency * 100)))
                    + "% of patients with {0}.",
                {{d}, {s.index}}, {{0, 1, RelationType::HasSymptom}});
        }
        gene(d, false);
        labTest(d, false);
        treatment(d, false);
        contraindication(d, false);
        if (m_rng.chance(m_options.distractor_rate))
            coMention(d);
        if (m_rng.chance(m_options.distractor_rate))
            distractor(false);
    }

    const Ontology &m_ontology;
    const CorpusOptions &m_options;
    CorpusFacts m_facts;
    DataRandom m_rng;
    FormChoice m_forms;
    Patient m_patient;
    std::vector<Sentence> *m_sentences = nullptr;
};

} // namespace

Corpus generateCorpus(const Ontology &ontology, const CorpusOptions &options)
{
    Corpus corpus;
    CorpusWriter writer(ontology, options);
    DataRandom rng(options.seed ^ 0x6b672d73706c6974ULL);
    const int n = std::max(0, options.documents);
    // Splits by the shares, documents in a shuffled order.
    const int tests = static_cast<int>(std::lround(n * std::clamp(options.test_share, 0.0, 1.0)));
    const int validations = std::min(n - tests,
                                     static_cast<int>(std::lround(n * std::clamp(options.validation_share, 0.0, 1.0))));
    std::vector<Split> splits(static_cast<std::size_t>(n), Split::Train);
    std::fill(splits.begin(), splits.begin() + tests, Split::Test);
    std::fill(splits.begin() + tests, splits.begin() + tests + validations, Split::Validation);
    rng.shuffle(splits);
    // Each split goes through all diseases in turn (rare ones too), reshuffled every round.
    std::vector<int> diseases;
    for (std::size_t i = 0; i < ontology.concepts.size(); ++i)
        if (ontology.concepts[i].type == ConceptType::Disease)
            diseases.push_back(static_cast<int>(i));
    if (diseases.empty())
        return corpus;
    std::vector<int> order[3] = {diseases, diseases, diseases};
    std::size_t next[3] = {};
    for (auto &o : order)
        rng.shuffle(o);
    corpus.documents.reserve(static_cast<std::size_t>(n));
    char id[32];
    for (int i = 0; i < n; ++i) {
        const Split split = splits[static_cast<std::size_t>(i)];
        const int s = static_cast<int>(split);
        if (next[s] == order[s].size()) {
            rng.shuffle(order[s]);
            next[s] = 0;
        }
        const int disease = order[s][next[s]++];
        std::snprintf(id, sizeof id, "doc%05d", i + 1);
        corpus.documents.push_back(writer.document(id, split, disease, rng.chance(0.7)));
    }
    return corpus;
}

} // namespace seekbench::kg
