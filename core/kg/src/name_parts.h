#pragma once

// Made-up medical names for the ontology generator, built from syllables so that a name
// never seen in training still looks like its type: "<Surname> syndrome", "<stem>osis",
// "<stem>itis", "familial <stem>ic <noun>" for diseases; "knee stiffness" for symptoms;
// "KRT14" for genes; "<stem>pril", "<stem>mab" for drugs; "serum <analyte> level" for lab
// tests. Each maker returns a canonical name and its synonym candidates (same morphology).

#include "data_random.h"

#include <cctype>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

namespace seekbench::kg::names {

struct Forms
{
    std::string name;
    std::vector<std::string> synonyms; // candidates; the caller keeps 1-3 unused ones
};

inline constexpr const char *kOnsets[] = {"b", "c", "d", "f",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",
                                          "t", "v", "z", "br", "cr", "dr", "gr", "pr", "tr", "st", "ph", "th", "ch"};
inline constexpr const char *kVowels[] = {"a", "e", "i", "o", "u", "y", "ae", "io", "au"};
inline constexpr const char *kCodas[] = {"r", "n", "l", "s", "t", "m", "x", "ph", "c", "nd", "rt"};

// "dravin", "chaelor": onset-vowel syllables closed by a consonant.
inline std::string stem(DataRandom &rng, int syllables)
{
    std::string s;
    for (int i = 0; i < syllables; ++i)
        s += std::string(rng.pick(kOnsets)) + rng.pick(kVowels);
    return s + rng.pick(kCodas);
}

inline std::string capitalized(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

inline std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

inline constexpr const char *kDiseaseAdjectives[] = {"chronic",    "acute",   "juvenile",   "progressive",
                                                     "idiopathic", "diffuse", "autoimmune", "primary"};
inline constexpr const char *kFamilialNouns[] = {"ataxia",   "neuropathy", "dystrophy", "anemia",
                                                 "myopathy", "dysplasia",  "epilepsy",  "nephropathy"};
inline constexpr const char *kSurnameEndings[] = {"", "er", "son", "mann", "ell", "ard"};

inline Forms diseaseForms(DataRandom &rng, bool rare)
{
    const std::string st = stem(rng, rng.between(1, 2));
    const std::string adj = rng.pick(kDiseaseAdjectives);
    // Rare diseases are mostly eponyms and familial forms, common ones -itis, -osis, -opathy.
    const int pattern = rare ? (rng.chance(0.7) ? 3 + rng.below(2) : rng.below(3)) : rng.below(5);
    switch (pattern) {
    case 0: return {st + "osis", {adj + " " + st + "osis", st + "otic syndrome", st + "otic disease"}};
    case 1: return {st + "itis", {adj + " " + st + "itis", st + "itic syndrome", st + "itic disorder"}};
    case 2:
        return {adj + " " + st + "opathy", {st + "opathy", adj + " " + st + "opathic disease", st + "opathic syndrome"}};
    case 3: {
        const std::string surname = capitalized(stem(rng, rng.between(1, 2)) + rng.pick(kSurnameEndings));
        return {surname + " syndrome", {surname + " disease", surname + "'s syndrome", surname + "'s disease"}};
    }
    default: {
        const std::string noun = rng.pick(kFamilialNouns);
        return {"familial " + st + "ic " + noun,
                {"hereditary " + st + "ic " + noun, st + "ic " + noun, "congenital " + st + "ic " + noun}};
    }
    }
}

struct CommonSymptom
{
    const char *name;
    const char *synonyms[2];
};
// Symptoms that many diseases share (fever belongs to many), first in the symptom list.
inline constexpr CommonSymptom kCommonSymptoms[] = {
    {"fever", {"pyrexia", "high temperature"}},
    {"fatigue", {"tiredness", "exhaustion"}},
    {"headache", {"cephalgia", "head pain"}},
    {"nausea", {"queasiness", "feeling sick"}},
    {"cough", {"persistent cough", "coughing"}},
    {"weight loss", {"loss of weight", "unintentional weight loss"}},
    {"night sweats", {"nocturnal sweating", "sweating at night"}},
    {"dizziness", {"lightheadedness", "giddiness"}},
    {"shortness of breath", {"dyspnea", "breathlessness"}},
    {"chest pain", {"thoracic pain", "pain in the chest"}},
    {"abdominal pain", {"stomach pain", "belly pain"}},
    {"blurred vision", {"blurry vision", "visual blurring"}},
    {"skin rash", {"rash", "skin eruption"}},
    {"vomiting", {"emesis", "being sick"}},
    {"loss of appetite", {"poor appetite", "reduced appetite"}},
    {"palpitations", {"racing heart", "heart palpitations"}},
    {"seizures", {"convulsions", "fits"}},
    {"jaundice", {"icterus", "yellowing of the skin"}},
};
inline constexpr int kCommonSymptomCount = static_cast<int>(std::size(kCommonSymptoms));

inline constexpr const char *kBodyParts[] = {"joint",  "knee", "hip",    "shoulder", "elbow", "wrist",
                                             "ankle",  "back", "neck",   "jaw",      "skin",  "scalp",
                                             "eyelid", "lip",  "tongue", "throat",   "calf",  "thigh",
                                             "hand",   "foot", "finger", "toe",      "flank", "groin",
                                             "ear",    "nail", "gum",    "muscle",   "spine", "eye"};
struct Finding
{
    const char *name;
    const char *synonyms[2];
};
inline constexpr Finding kFindings[] = {
    {"pain", {"ache", "discomfort"}},         {"swelling", {"edema", "puffiness"}},
    {"stiffness", {"rigidity", "tightness"}}, {"numbness", {"loss of sensation", "hypoesthesia"}},
    {"redness", {"erythema", "flushing"}},    {"tenderness", {"soreness", "sensitivity"}},
    {"cramps", {"spasms", "cramping"}},       {"tremor", {"shaking", "trembling"}},
    {"lesions", {"sores", "plaques"}},        {"itching", {"pruritus", "itchiness"}},
    {"bruising", {"ecchymosis", "bruises"}},  {"deformity", {"malformation", "distortion"}},
    {"ulcers", {"ulceration", "erosions"}},   {"weakness", {"feebleness", "loss of strength"}},
};
inline constexpr const char *kSymptomAdjectives[] = {"recurrent", "progressive", "intermittent", "painless",
                                                     "bilateral", "sudden",      "episodic",     "chronic"};

// The common symptoms for the first indices, then "<adj> <part> <finding>" phenotypes.
inline Forms symptomForms(DataRandom &rng, int index)
{
    if (index < kCommonSymptomCount) {
        const CommonSymptom &c = kCommonSymptoms[index];
        return {c.name, {c.synonyms[0], c.synonyms[1]}};
    }
    const std::string part = rng.pick(kBodyParts);
    const Finding &f = rng.pick(kFindings);
    const std::string adj = rng.chance(0.4) ? std::string(rng.pick(kSymptomAdjectives)) + " " : std::string();
    return {adj + part + " " + f.name,
            {adj + part + " " + f.synonyms[0], adj + f.name + " of the " + part, adj + part + " " + f.synonyms[1]}};
}

inline std::string geneCode(DataRandom &rng)
{
    std::string letters;
    for (char c : stem(rng, 2))
        if (letters.size() < 3 && std::isalpha(static_cast<unsigned char>(c)))
            letters += c;
    std::string code = upper(letters) + std::to_string(rng.between(1, 29));
    if (rng.chance(0.4))
        code += std::string(1, static_cast<char>('A' + rng.below(6))) + std::to_string(rng.between(1, 25));
    return code;
}

inline Forms geneForms(DataRandom &rng)
{
    const std::string st = stem(rng, 2);
    const std::string number = std::to_string(rng.between(1, 40));
    return {geneCode(rng), {st + "in " + number, geneCode(rng), st + " protein " + number}};
}

inline constexpr const char *kDrugSuffixes[] = {"mab", "pril", "olol", "statin", "ine", "azole", "sartan", "vir"};
inline constexpr const char *kSalts[] = {"hydrochloride", "sodium", "calcium", "maleate", "sulfate"};

inline Forms drugForms(DataRandom &rng)
{
    const std::string name = stem(rng, 2) + rng.pick(kDrugSuffixes);
    if (name.ends_with("mab")) {
        // Biosimilars carry a four-letter suffix: "adalimumab-atto".
        std::string suffix;
        for (int i = 0; i < 4; ++i)
            suffix += static_cast<char>('a' + rng.below(26));
        return {name, {name + "-" + suffix, name + " biosimilar", name + "-" + suffix.substr(0, 3) + "b"}};
    }
    // Salt forms keep the drug's stem and suffix, so an unseen one still reads as a drug.
    return {name,
            {name + " " + kSalts[0], name + " " + kSalts[1 + rng.below(2)], name + " " + kSalts[3 + rng.below(2)]}};
}

inline constexpr const char *kAnalyteEndings[] = {"ase", "in", "ine", "ate", "ol"};

inline Forms labTestForms(DataRandom &rng)
{
    const std::string st = stem(rng, 2);
    const std::string analyte = st + rng.pick(kAnalyteEndings);
    switch (rng.below(4)) {
    case 0:
        return {"serum " + analyte + " level", {analyte + " level", "serum " + analyte, "blood " + analyte + " level"}};
    case 1: return {analyte + " panel", {analyte + " profile", analyte + " screen", analyte + " testing"}};
    case 2: return {st + " assay", {st + " test", st + " antibody assay", st + " immunoassay"}};
    default: {
        const std::string part = rng.pick(kBodyParts);
        return {"MRI of the " + part,
                {part + " MRI", "magnetic resonance imaging of the " + part, "MR imaging of the " + part}};
    }
    }
}

// Upper-case initials of a name of two or more lower-case words ("of" and "the" skipped),
// or "" when it has one word or a word already in upper case.
inline std::string initials(const std::string &name)
{
    std::string out;
    std::size_t words = 0;
    std::size_t i = 0;
    while (i < name.size()) {
        while (i < name.size() && name[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < name.size() && name[i] != ' ')
            ++i;
        const std::string word = name.substr(start, i - start);
        if (word.empty() || word == "of" || word == "the")
            continue;
        if (std::isupper(static_cast<unsigned char>(word.back())))
            return {};
        ++words;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    }
    return words >= 2 ? out : std::string();
}

// One typing slip in `form` (not its first letter): a letter dropped, doubled, swapped with
// the next or replaced by a neighbouring vowel. `form` unchanged when it is too short.
inline std::string misspelled(DataRandom &rng, const std::string &form)
{
    std::vector<std::size_t> letters;
    for (std::size_t i = 1; i < form.size(); ++i)
        if (std::isalpha(static_cast<unsigned char>(form[i])) && std::isalpha(static_cast<unsigned char>(form[i - 1])))
            letters.push_back(i);
    if (letters.size() < 3)
        return form;
    const std::size_t at = rng.pick(letters);
    std::string out = form;
    switch (rng.below(4)) {
    case 0: out.erase(at, 1); break;
    case 1: out.insert(at, 1, out[at]); break;
    case 2:
        if (at + 1 < out.size() && std::isalpha(static_cast<unsigned char>(out[at + 1])))
            std::swap(out[at], out[at + 1]);
        else
            out.erase(at, 1);
        break;
    default: {
        const bool lower = std::islower(static_cast<unsigned char>(out[at])) != 0;
        const char *vowels = lower ? "aeioua" : "AEIOUA";
        const char *hit = std::strchr(vowels, out[at]);
        out[at] = hit ? hit[1] : vowels[0];
        break;
    }
    }
    return out;
}

} // namespace seekbench::kg::names
