#include "seekbench/projects/kg_corpora.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/projects/project_layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace seekbench::projects {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char *kCorpusSuffix = ".corpus.jsonl";

fs::path kgDir(const Project &project) { return project.layout().datasetsDir() / "kg"; }

fs::path fileOf(const Project &project, const std::string &name, const char *suffix)
{
    if (const std::string problem = kgCorpusNameProblem(name); !problem.empty())
        throw std::invalid_argument(problem);
    return kgDir(project) / (name + suffix);
}

// The counts and origin of a corpus's .meta.json; false with `problem` when it is damaged.
bool readMeta(const fs::path &file, KgCorpusRecord &r, std::string &problem)
{
    const SmallFileRead read = readSmallFile(file);
    if (!read.ok()) {
        problem = file.string() + ": " + read.problem;
        return false;
    }
    try {
        const json j = json::parse(read.text);
        auto count = [&](const char *key) { return j.contains(key) ? j.at(key).get<std::int64_t>() : 0; };
        r.source = j.value("source", std::string());
        r.command = j.value("command", std::string());
        r.origin_json = j.contains("origin") ? j.at("origin").dump() : std::string();
        r.documents = count("documents");
        r.sentences = count("sentences");
        r.entities = count("entities");
        r.relations = count("relations");
        r.bad_lines = count("bad_lines");
        r.train_documents = count("train_documents");
        r.validation_documents = count("validation_documents");
        r.test_documents = count("test_documents");
        return true;
    } catch (const json::exception &e) {
        problem = file.string() + ": " + e.what();
        return false;
    }
}

} // namespace

std::string kgCorpusNameProblem(const std::string &name)
{
    bool ok = !name.empty() && name.size() <= 64;
    for (const char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    return ok ? std::string()
              : "the corpus name '" + name + "' must be 1 to 64 letters, digits, '-' or '_' (it names files)";
}

fs::path kgCorpusFile(const Project &project, const std::string &name) { return fileOf(project, name, kCorpusSuffix); }

fs::path kgOntologyFile(const Project &project, const std::string &name)
{
    return fileOf(project, name, ".ontology.json");
}

fs::path kgCorpusMetaFile(const Project &project, const std::string &name)
{
    return fileOf(project, name, ".meta.json");
}

std::vector<KgCorpusListing> listKgCorpora(const Project &project)
{
    std::vector<KgCorpusListing> out;
    std::error_code ec;
    const fs::path dir = kgDir(project);
    if (!fs::is_directory(dir, ec))
        return out;
    const std::string suffix = kCorpusSuffix;
    for (const fs::directory_entry &e : fs::directory_iterator(dir, ec)) {
        const std::string file = e.path().filename().string();
        if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string name = file.substr(0, file.size() - suffix.size());
        if (!kgCorpusNameProblem(name).empty() || !e.is_regular_file(ec))
            continue; // not a file this registry wrote
        KgCorpusListing l;
        l.record.name = name;
        l.record.corpus_file = e.path();
        l.record.ontology_file = kgOntologyFile(project, name);
        l.record.has_ontology = fs::is_regular_file(l.record.ontology_file, ec);
        if (fs::exists(kgCorpusMetaFile(project, name), ec))
            readMeta(kgCorpusMetaFile(project, name), l.record, l.problem);
        else
            l.problem = "no " + kgCorpusMetaFile(project, name).filename().string() + ": counts unknown";
        out.push_back(std::move(l));
    }
    std::sort(out.begin(), out.end(),
              [](const KgCorpusListing &a, const KgCorpusListing &b) { return a.record.name < b.record.name; });
    return out;
}

std::optional<KgCorpusRecord> findKgCorpus(const Project &project, const std::string &name)
{
    if (!kgCorpusNameProblem(name).empty())
        return std::nullopt;
    for (KgCorpusListing &l : listKgCorpora(project)) {
        if (l.record.name == name)
            return std::move(l.record);
    }
    return std::nullopt;
}

void writeKgCorpusMeta(const Project &project, const KgCorpusRecord &r)
{
    json j = {{"source", r.source},
              {"command", r.command},
              {"documents", r.documents},
              {"sentences", r.sentences},
              {"entities", r.entities},
              {"relations", r.relations},
              {"bad_lines", r.bad_lines},
              {"train_documents", r.train_documents},
              {"validation_documents", r.validation_documents},
              {"test_documents", r.test_documents}};
    if (!r.origin_json.empty())
        j["origin"] = json::parse(r.origin_json, nullptr, false);
    AtomicFile out(kgCorpusMetaFile(project, r.name), "corpus record");
    out.write(j.dump(2) + "\n");
    out.commit();
}

} // namespace seekbench::projects
