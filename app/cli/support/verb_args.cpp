#include "support/verb_args.h"

#include "seekbench/projects/slurm_script.h"

namespace seekbench::cli {

std::string VerbArgs::required(const std::string &key, const std::string &type)
{
    if (!get(key))
        throw BadInput(key + " " + type + " is required");
    return *get(key);
}

projects::Project VerbArgs::project() { return projects::Project::open(required("--project", "DIR")); }

std::string VerbArgs::commandLine(const std::string &verb) const
{
    std::string c = "seekbench-cli " + verb;
    for (const auto &[key, value] : values)
        if (value)
            c += " " + key + " " + projects::shellQuote(*value);
    return json ? c + " --json" : c;
}

std::shared_ptr<VerbArgs> addArgsVerb(CLI::App &group, const char *name, const char *what, const char *example,
                                      std::initializer_list<Opt> options, bool json, int (*body)(VerbArgs &),
                                      int &exitCode, CLI::App **verb)
{
    auto args = std::make_shared<VerbArgs>();
    CLI::App *v = group.add_subcommand(name, what);
    v->allow_extras();
    for (const Opt &o : options)
        addOption(*v, o.name, args->values[o.name], o.help)->type_name(o.type);
    if (json)
        addJsonFlag(*v, args->json);
    describe(*v, example);
    v->callback([v, args, body, &exitCode] {
        rejectExtras(*v);
        exitCode = body(*args);
    });
    if (verb)
        *verb = v;
    return args;
}

} // namespace seekbench::cli
