// PubTator import: a title line, an abstract line, then annotation and relation lines,
// a blank line between documents. Offsets count characters of the title and the abstract
// joined by one space; relations link concept ids and are attached to every sentence that
// mentions both.

#include "seekbench/kg/corpus_import.h"

#include "import_support.h"

#include <fstream>
#include <map>

namespace seekbench::kg {

namespace {

struct PendingLine
{
    std::int64_t line = 0;
    std::string raw;
    std::vector<std::string> fields;
};

class PubTatorReader
{
public:
    PubTatorReader(const std::string &path, const ImportOptions &options, CorpusImport &out)
        : m_path(path), m_options(options), m_out(out)
    {}

    void line(ImportLines &lines)
    {
        const std::string &text = lines.text();
        if (trimSpaces(text).empty()) {
            finish();
            return;
        }
        const std::size_t bar = text.find('|');
        const std::size_t tab = text.find('\t');
        if (bar != std::string::npos && (tab == std::string::npos || bar < tab) && text.size() >= bar + 3
            && (text.compare(bar, 3, "|t|") == 0 || text.compare(bar, 3, "|a|") == 0)) {
            passage(lines, text.substr(0, bar), text[bar + 1], text.substr(bar + 3));
            return;
        }
        std::vector<std::string> fields = splitOn(text, '\t');
        if (!m_title) {
            lines.reject("an annotation before any \"<pmid>|t|<title>\" line");
            return;
        }
        if (fields[0] != m_pmid) {
            lines.reject("pmid " + shown(fields[0]) + " is not the current document's (" + shown(m_pmid) + ")");
            return;
        }
        if (fields.size() >= 5 && parseOffset(fields[1]) >= 0)
            m_annotations.push_back({lines.number(), text.substr(0, 1024), std::move(fields)});
        else if (fields.size() == 4)
            m_relations.push_back({lines.number(), text.substr(0, 1024), std::move(fields)});
        else
            lines.reject(
                "expected \"<pmid> <start> <end> <mention> <type> [<id>]\" or \"<pmid> <relation> <id1> <id2>\" "
                "(tab-separated)");
    }

    // Ends the document being read, if any.
    void finish()
    {
        if (m_title)
            build();
        m_title.reset();
        m_abstract.reset();
        m_annotations.clear();
        m_relations.clear();
    }

private:
    void bad(const PendingLine &l, const std::string &reason)
    {
        m_out.bad.push_back(importBadLine(m_path, l.line, reason, l.raw));
    }

    void passage(ImportLines &lines, const std::string &pmid, char kind, const std::string &text)
    {
        if (pmid.empty() || !firstControlCharacter(pmid).empty()) {
            lines.reject("pmid " + shown(pmid) + " is empty or holds a control character");
            return;
        }
        if (kind == 't') {
            finish(); // a title without a blank line before it starts the next document
            m_pmid = pmid;
            m_title = text;
            return;
        }
        if (!m_title || pmid != m_pmid || m_abstract) {
            lines.reject("an abstract line without its title line (pmid " + shown(pmid) + ")");
            return;
        }
        m_abstract = text;
    }

    void build()
    {
        const std::string text = m_abstract ? *m_title + " " + *m_abstract : *m_title;
        const std::vector<int> offsets = codePointOffsets(text);
        const int characters = static_cast<int>(offsets.size()) - 1;
        std::vector<PendingEntity> entities;
        std::map<std::int64_t, const PendingLine *> lineOf;
        for (const PendingLine &a : m_annotations) {
            const int start = parseOffset(a.fields[1]), end = parseOffset(a.fields[2]);
            if (end < 0 || end <= start || end > characters) {
                bad(a, "offsets " + shown(a.fields[1] + "-" + a.fields[2])
                           + " are not a span of the title and abstract (" + std::to_string(characters)
                           + " characters, joined by one space)");
                continue;
            }
            const int begin = offsets[static_cast<std::size_t>(start)], stop = offsets[static_cast<std::size_t>(end)];
            const std::string actual = text.substr(static_cast<std::size_t>(begin),
                                                   static_cast<std::size_t>(stop - begin));
            if (actual != a.fields[3]) {
                bad(a, "text " + shown(a.fields[3]) + " differs from the title and abstract at " + a.fields[1] + "-"
                           + a.fields[2] + " (" + shown(actual) + ")");
                continue;
            }
            const auto type = importEntityType(a.fields[4], m_options);
            if (!type) {
                bad(a, "unknown entity type " + shown(a.fields[4]));
                continue;
            }
            const std::string id = a.fields.size() >= 6 && a.fields[5] != "-1" ? trimSpaces(a.fields[5])
                                                                               : std::string();
            entities.push_back({begin, stop, *type, id, false, false, a.line, {}});
            lineOf[a.line] = &a;
        }
        dropOverlapping(entities, [&](const PendingEntity &dropped, const PendingEntity &kept) {
            bad(*lineOf[dropped.line], "overlaps the annotation of line " + std::to_string(kept.line)
                                           + " (overlapping spans are not supported)");
        });
        std::vector<EntityPlace> places;
        Document doc = cutIntoSentences(m_pmid, m_options.split, text, entities, places);
        for (const PendingLine &r : m_relations)
            relation(r, doc);
        m_out.corpus.documents.push_back(std::move(doc));
    }

    void relation(const PendingLine &r, Document &doc)
    {
        const auto type = importRelationType(r.fields[1], m_options);
        if (!type || type->type == RelationType::None) {
            bad(r, "unknown relation type " + shown(r.fields[1]));
            return;
        }
        const std::string &head = type->reversed ? r.fields[3] : r.fields[2];
        const std::string &tail = type->reversed ? r.fields[2] : r.fields[3];
        bool together = false;
        std::string types;
        int attached = 0;
        for (Sentence &s : doc.sentences) {
            int h = -1, t = -1;
            bool hasHead = false, hasTail = false;
            for (std::size_t i = 0; i < s.entities.size(); ++i) {
                hasHead = hasHead || s.entities[i].concept_id == head;
                hasTail = hasTail || s.entities[i].concept_id == tail;
            }
            if (!hasHead || !hasTail)
                continue;
            together = true;
            for (std::size_t i = 0; i < s.entities.size() && (h < 0 || t < 0); ++i) {
                for (std::size_t j = 0; j < s.entities.size() && h < 0; ++j) {
                    if (s.entities[i].concept_id == head && s.entities[j].concept_id == tail
                        && relationAllowed(type->type, s.entities[i].type, s.entities[j].type)) {
                        h = static_cast<int>(i);
                        t = static_cast<int>(j);
                    }
                    if (s.entities[i].concept_id == head && s.entities[j].concept_id == tail && types.empty())
                        types = std::string(conceptTypeName(s.entities[i].type)) + " to a "
                                + std::string(conceptTypeName(s.entities[j].type));
                }
            }
            if (h >= 0) {
                s.relations.push_back({h, t, type->type});
                ++attached;
            }
        }
        if (!together)
            bad(r, "no sentence mentions both " + shown(head) + " and " + shown(tail));
        else if (attached == 0)
            bad(r, std::string(relationTypeName(type->type)) + " cannot go from a " + types);
    }

    std::string m_path;
    const ImportOptions &m_options;
    CorpusImport &m_out;
    std::string m_pmid;
    std::optional<std::string> m_title, m_abstract;
    std::vector<PendingLine> m_annotations, m_relations;
};

} // namespace

CorpusImport importPubTator(const std::string &path, const ImportOptions &options)
{
    CorpusImport out;
    PubTatorReader reader(path, options, out);
    if (forEachImportLine(path, out, [&](ImportLines &lines) { reader.line(lines); }))
        reader.finish();
    return out;
}

} // namespace seekbench::kg
