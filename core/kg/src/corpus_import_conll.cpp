// CoNLL-style BIO import: a token and its tag per line, a blank line between sentences,
// -DOCSTART- lines between documents. A sentence's text is its tokens joined by spaces.

#include "seekbench/kg/corpus_import.h"

#include "import_support.h"

#include <filesystem>
#include <fstream>

namespace seekbench::kg {

namespace {

class ConllReader
{
public:
    ConllReader(const std::string &path, const ImportOptions &options, CorpusImport &out)
        : m_name(std::filesystem::path(path).stem().string()), m_options(options), m_out(out)
    {}

    void line(ImportLines &lines)
    {
        const std::string trimmed = trimSpaces(lines.text());
        if (trimmed.empty()) {
            endSentence();
            return;
        }
        if (trimmed.starts_with("-DOCSTART-")) {
            endDocument();
            return;
        }
        std::vector<std::string> fields;
        for (const std::string &f : splitOn(trimmed, trimmed.find('\t') != std::string::npos ? '\t' : ' '))
            if (!trimSpaces(f).empty())
                fields.push_back(trimSpaces(f));
        if (fields.size() < 2) {
            lines.reject("no tag column: expected a token and its tag, got " + shown(trimmed));
            return;
        }
        const std::string &tag = fields.back();
        std::optional<ConceptType> type;
        bool inside = false;
        if (tag != "O") {
            if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') {
                lines.reject("tag " + shown(tag) + " is not O, B-<type> or I-<type>");
                return;
            }
            type = importEntityType(tag.substr(2), m_options);
            if (!type) {
                lines.reject("unknown entity type " + shown(tag.substr(2)) + " in tag " + shown(tag));
                return;
            }
            inside = tag[0] == 'I';
        }
        if (const std::string c = firstControlCharacter(fields[0]); !c.empty()) {
            lines.reject("token " + shown(fields[0]) + " holds a control character (" + c + ")");
            return;
        }
        if (!m_sentence.text.empty())
            m_sentence.text += ' ';
        const int begin = static_cast<int>(m_sentence.text.size());
        m_sentence.text += fields[0];
        const int end = static_cast<int>(m_sentence.text.size());
        if (!type) {
            m_open = false;
            return;
        }
        // An I continues a span of its type; otherwise it starts one, as conlleval reads it.
        if (inside && m_open && m_sentence.entities.back().type == *type) {
            m_sentence.entities.back().end = end;
            return;
        }
        EntitySpan span;
        span.begin = begin;
        span.end = end;
        span.type = *type;
        m_sentence.entities.push_back(span);
        m_open = true;
    }

    void endDocument()
    {
        endSentence();
        if (!m_document.sentences.empty())
            m_out.corpus.documents.push_back(std::move(m_document));
        m_document = Document{};
        ++m_documents;
    }

private:
    void endSentence()
    {
        m_open = false;
        if (m_sentence.text.empty())
            return;
        if (m_document.sentences.empty()) {
            m_document.id = m_name + "_" + std::to_string(m_documents + 1);
            m_document.split = m_options.split;
        }
        m_sentence.id = m_document.id + ":" + std::to_string(m_document.sentences.size());
        m_document.sentences.push_back(std::move(m_sentence));
        m_sentence = Sentence{};
    }

    std::string m_name;
    const ImportOptions &m_options;
    CorpusImport &m_out;
    Document m_document;
    Sentence m_sentence;
    bool m_open = false; // the sentence's last entity may still grow
    int m_documents = 0;
};

} // namespace

CorpusImport importConll(const std::string &path, const ImportOptions &options)
{
    CorpusImport out;
    ConllReader reader(path, options, out);
    if (forEachImportLine(path, out, [&](ImportLines &lines) { reader.line(lines); }))
        reader.endDocument();
    return out;
}

} // namespace seekbench::kg
