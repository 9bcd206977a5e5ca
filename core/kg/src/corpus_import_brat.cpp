// BRAT standoff import: <name>.txt with <name>.ann beside it. BRAT counts offsets in
// characters (code points), so they are turned into bytes before use, and every span's text
// is checked against the .txt.

#include "seekbench/kg/corpus_import.h"

#include "import_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace seekbench::kg {

namespace fs = std::filesystem;

namespace {

// The .txt of a document is read whole; this bounds its memory.
constexpr std::size_t kMaxBratTextBytes = std::size_t(64) << 20;

// A line that refers to entities, resolved once all T lines are read.
struct Reference
{
    std::int64_t line = 0;
    std::string raw;
    std::string id;
    std::vector<std::string> words; // the second column split at spaces
};

class BratFile
{
public:
    BratFile(const fs::path &ann, const ImportOptions &options, CorpusImport &out)
        : m_ann(ann.string()), m_options(options), m_out(out)
    {}

    void read()
    {
        const fs::path txt = fs::path(m_ann).replace_extension(".txt");
        std::error_code ec;
        if (!fs::exists(txt, ec)) {
            fileProblem(m_ann, "no .txt beside it (expected " + txt.string() + ")");
            return;
        }
        if (const std::string problem = readWholeFile(txt.string(), kMaxBratTextBytes, m_text); !problem.empty()) {
            fileProblem(txt.string(), problem);
            return;
        }
        if (const std::size_t at = firstInvalidUtf8(m_text); at != std::string::npos) {
            fileProblem(txt.string(), "not UTF-8 at byte " + std::to_string(at + 1));
            return;
        }
        m_offsets = codePointOffsets(m_text);
        std::ifstream in;
        if (const std::string problem = regularFileProblem(m_ann); !problem.empty()) {
            fileProblem(m_ann, problem);
            return;
        }
        in.open(m_ann, std::ios::binary);
        ImportLines lines(in, m_ann, m_out.bad);
        while (lines.next()) {
            ++m_out.lines;
            readLine(lines);
        }
        finish(fs::path(m_ann).stem().string());
    }

private:
    void fileProblem(const std::string &file, const std::string &reason)
    {
        m_out.bad.push_back(importBadLine(file, 0, reason, {}));
    }
    void bad(std::int64_t line, const std::string &reason, const std::string &raw)
    {
        m_out.bad.push_back(importBadLine(m_ann, line, reason, raw));
    }

    void readLine(ImportLines &lines)
    {
        const std::string &line = lines.text();
        if (line.find_first_not_of(" \t") == std::string::npos)
            return;
        const std::vector<std::string> fields = splitOn(line, '\t');
        const std::string &id = fields[0];
        const char kind = id.empty() ? ' ' : id[0];
        // '#' notes, E events and '*' equivalences are not part of the corpus model.
        if (kind == '#' || kind == 'E' || kind == '*')
            return;
        if (kind != 'T' && kind != 'R' && kind != 'A' && kind != 'M' && kind != 'N') {
            lines.reject("unknown annotation " + shown(id) + " (expected T, R, A, M, N, E, # or * lines)");
            return;
        }
        if (fields.size() < 2) {
            lines.reject(id + ": no tab-separated annotation after the id");
            return;
        }
        Reference ref{lines.number(), line.substr(0, 1024), id, splitOn(fields[1], ' ')};
        if (kind == 'T')
            entity(lines, ref, fields.size() >= 3 ? fields[2] : std::string());
        else
            (kind == 'R' ? m_relations : m_attributes).push_back(std::move(ref));
    }

    void entity(ImportLines &lines, const Reference &ref, const std::string &mention)
    {
        const std::string &id = ref.id;
        if (ref.words.size() < 3) {
            lines.reject(id + ": expected \"<type> <start> <end>\", got " + shown(lines.text()));
            return;
        }
        if (ref.words.size() > 3 || ref.words[2].find(';') != std::string::npos) {
            lines.reject(id + ": a discontinuous span (" + shown(lines.text().substr(lines.text().find('\t') + 1))
                         + ") is not supported");
            return;
        }
        const auto type = importEntityType(ref.words[0], m_options);
        if (!type) {
            lines.reject(id + ": unknown entity type " + shown(ref.words[0]));
            return;
        }
        const int start = parseOffset(ref.words[1]), end = parseOffset(ref.words[2]);
        const int characters = static_cast<int>(m_offsets.size()) - 1;
        if (start < 0 || end < 0 || end <= start || end > characters) {
            lines.reject(id + ": offsets " + shown(ref.words[1] + "-" + ref.words[2]) + " are not a span of the .txt ("
                         + std::to_string(characters) + " characters)");
            return;
        }
        const int begin = m_offsets[static_cast<std::size_t>(start)], stop = m_offsets[static_cast<std::size_t>(end)];
        const std::string actual = m_text.substr(static_cast<std::size_t>(begin),
                                                 static_cast<std::size_t>(stop - begin));
        if (actual != mention) {
            lines.reject(id + ": text " + shown(mention) + " differs from the .txt at " + ref.words[1] + "-"
                         + ref.words[2] + " (" + shown(actual) + ")");
            return;
        }
        if (m_rawById.count(id) != 0) {
            lines.reject(id + ": duplicate id");
            return;
        }
        m_rawById[id] = ref.raw;
        m_entities.push_back({begin, stop, *type, {}, false, false, ref.line, id});
    }

    // A, M and N lines: flags and normalisations of the entities.
    void applyAttributes(std::map<std::string, std::size_t> &byId)
    {
        for (const Reference &a : m_attributes) {
            if (a.words.size() < 2) {
                bad(a.line, a.id + ": expected \"<name> <entity id> [value]\"", a.raw);
                continue;
            }
            const auto it = byId.find(a.words[1]);
            if (it == byId.end()) {
                bad(a.line, a.id + ": " + shown(a.words[1]) + " is no entity read from this file", a.raw);
                continue;
            }
            PendingEntity &e = m_entities[it->second];
            if (a.id[0] == 'N') {
                if (a.words.size() >= 3)
                    e.concept_id = a.words[2];
                continue;
            }
            const std::string name = asciiLower(a.words[0]);
            const std::string value = a.words.size() >= 3 ? asciiLower(a.words[2]) : "true";
            const bool set = value != "false" && value != "no" && value != "0";
            // Other attributes (Severity, Temporal, ...) are not part of the corpus model.
            if (name == "negation" || name == "negated")
                e.negated = set;
            else if (name == "speculation" || name == "uncertain" || name == "hedged" || name == "speculated")
                e.hedged = set;
        }
    }

    void finish(const std::string &name)
    {
        std::map<std::string, std::size_t> byId;
        for (std::size_t i = 0; i < m_entities.size(); ++i)
            byId[m_entities[i].key] = i;
        applyAttributes(byId);
        dropOverlapping(m_entities, [&](const PendingEntity &dropped, const PendingEntity &kept) {
            bad(dropped.line, dropped.key + ": overlaps " + kept.key + " (overlapping spans are not supported)",
                m_rawById[dropped.key]);
        });
        std::vector<EntityPlace> places;
        Document doc = cutIntoSentences(name, m_options.split, m_text, m_entities, places);
        std::map<std::string, EntityPlace> placeOf;
        for (std::size_t i = 0; i < m_entities.size(); ++i)
            placeOf[m_entities[i].key] = places[i];
        for (const Reference &r : m_relations)
            relation(r, placeOf, doc);
        m_out.corpus.documents.push_back(std::move(doc));
    }

    void relation(const Reference &r, const std::map<std::string, EntityPlace> &placeOf, Document &doc)
    {
        if (r.words.size() != 3 || !r.words[1].starts_with("Arg1:") || !r.words[2].starts_with("Arg2:")) {
            bad(r.line, r.id + ": expected \"<type> Arg1:<id> Arg2:<id>\"", r.raw);
            return;
        }
        const auto type = importRelationType(r.words[0], m_options);
        if (!type || type->type == RelationType::None) {
            bad(r.line, r.id + ": unknown relation type " + shown(r.words[0]), r.raw);
            return;
        }
        std::string head = r.words[1].substr(5), tail = r.words[2].substr(5);
        for (const std::string *arg : {&head, &tail}) {
            if (placeOf.count(*arg) == 0) {
                bad(r.line, r.id + ": " + shown(*arg) + " is no entity kept from this file (unknown id or a bad line)",
                    r.raw);
                return;
            }
        }
        if (type->reversed)
            std::swap(head, tail);
        const EntityPlace h = placeOf.at(head), t = placeOf.at(tail);
        if (h.sentence != t.sentence) {
            bad(r.line, r.id + ": " + head + " and " + tail + " are in different sentences", r.raw);
            return;
        }
        Sentence &s = doc.sentences[static_cast<std::size_t>(h.sentence)];
        const ConceptType ht = s.entities[static_cast<std::size_t>(h.entity)].type;
        const ConceptType tt = s.entities[static_cast<std::size_t>(t.entity)].type;
        if (!relationAllowed(type->type, ht, tt)) {
            bad(r.line,
                r.id + ": " + std::string(relationTypeName(type->type)) + " cannot go from a "
                    + std::string(conceptTypeName(ht)) + " (" + head + ") to a " + std::string(conceptTypeName(tt))
                    + " (" + tail + ")",
                r.raw);
            return;
        }
        s.relations.push_back({h.entity, t.entity, type->type});
    }

    std::string m_ann;
    const ImportOptions &m_options;
    CorpusImport &m_out;
    std::string m_text;
    std::vector<int> m_offsets;
    std::vector<PendingEntity> m_entities;
    std::map<std::string, std::string> m_rawById;
    std::vector<Reference> m_relations, m_attributes;
};

} // namespace

CorpusImport importBrat(const std::string &path, const ImportOptions &options)
{
    CorpusImport out;
    std::error_code ec;
    const fs::path root(path);
    if (fs::is_directory(root, ec)) {
        std::vector<fs::path> anns;
        for (const auto &entry : fs::directory_iterator(root, ec)) {
            if (entry.path().extension() == ".ann")
                anns.push_back(entry.path());
        }
        if (ec) {
            out.error = path + ": cannot be listed (" + ec.message() + ")";
            return out;
        }
        std::sort(anns.begin(), anns.end());
        for (const fs::path &ann : anns)
            BratFile(ann, options, out).read();
        return out;
    }
    if (const std::string problem = regularFileProblem(root); !problem.empty()) {
        out.error = path + ": " + problem;
        return out;
    }
    if (root.extension() != ".ann") {
        out.error = path + ": not a folder of BRAT files or an .ann file";
        return out;
    }
    BratFile(root, options, out).read();
    return out;
}

} // namespace seekbench::kg
