// Generated patients for the ranking's evaluation: each disease's symptoms drawn at their
// frequencies, some missing, unrelated symptoms added as noise, the causal gene for the
// sequenced ones. Its own PRNG (splitmix64), so the same seed gives the same patients on
// every standard library.

#include "seekbench/kg/ranking.h"

#include <algorithm>
#include <cmath>

namespace seekbench::kg {

namespace {

class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) from the top 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
    // Knuth's product method: fine for the small means used here.
    int poisson(double mean)
    {
        if (!(mean > 0))
            return 0;
        const double limit = std::exp(-std::min(mean, 30.0));
        int k = 0;
        for (double p = uniform(); p > limit; p *= uniform())
            ++k;
        return k;
    }

private:
    std::uint64_t m_state;
};

struct DiseaseProfile
{
    std::vector<std::pair<int, double>> symptoms; // concept index, frequency
    std::vector<int> genes;
};

} // namespace

std::vector<Patient> generatePatients(const Ontology &ontology, const PatientOptions &options)
{
    const auto count = static_cast<int>(ontology.concepts.size());
    std::vector<DiseaseProfile> profiles(ontology.concepts.size());
    for (const OntologyRelation &r : ontology.relations) {
        if (r.head < 0 || r.head >= count || r.tail < 0 || r.tail >= count)
            continue; // readOntology rejects such relations; a hand-made ontology may hold them
        DiseaseProfile &p = profiles[static_cast<std::size_t>(r.head)];
        if (r.type == RelationType::HasSymptom)
            p.symptoms.emplace_back(r.tail, r.frequency);
        else if (r.type == RelationType::CausedBy)
            p.genes.push_back(r.tail);
    }
    std::vector<int> allSymptoms;
    for (int c = 0; c < count; ++c) {
        if (ontology.concepts[static_cast<std::size_t>(c)].type == ConceptType::Symptom)
            allSymptoms.push_back(c);
    }

    SplitMix64 random(options.seed);
    std::vector<Patient> patients;
    for (int c = 0; c < count; ++c) {
        const Concept &disease = ontology.concepts[static_cast<std::size_t>(c)];
        const DiseaseProfile &profile = profiles[static_cast<std::size_t>(c)];
        if (disease.type != ConceptType::Disease || profile.symptoms.empty())
            continue;
        // The most frequent symptom, which a patient who would show none shows alone.
        const auto commonest = std::max_element(profile.symptoms.begin(), profile.symptoms.end(),
                                                [](const auto &a, const auto &b) { return a.second < b.second; });
        for (int n = 0; n < options.patients_per_disease; ++n) {
            Patient patient;
            patient.disease_id = disease.id;
            std::vector<int> shown;
            for (const auto &[symptom, frequency] : profile.symptoms) {
                const bool present = options.noiseless ? frequency >= 0.5 : random.uniform() < frequency;
                if (present)
                    shown.push_back(symptom);
            }
            if (shown.empty())
                shown.push_back(commonest->first);
            if (!options.noiseless) {
                // Unrelated symptoms: drawn among those the disease does not have.
                const int noise = random.poisson(options.noise_symptoms);
                for (int k = 0, tries = 0; k < noise && tries < 100 && !allSymptoms.empty(); ++tries) {
                    const int s = allSymptoms[random.below(allSymptoms.size())];
                    const bool own = std::any_of(profile.symptoms.begin(), profile.symptoms.end(),
                                                 [&](const auto &p) { return p.first == s; });
                    if (own || std::find(shown.begin(), shown.end(), s) != shown.end())
                        continue;
                    shown.push_back(s);
                    ++k;
                }
                if (!profile.genes.empty() && random.uniform() < options.sequenced_share)
                    patient.gene = ontology.concepts[static_cast<std::size_t>(profile.genes.front())].id;
            }
            for (int s : shown)
                patient.symptoms.push_back(ontology.concepts[static_cast<std::size_t>(s)].id);
            patients.push_back(std::move(patient));
        }
    }
    return patients;
}

} // namespace seekbench::kg
