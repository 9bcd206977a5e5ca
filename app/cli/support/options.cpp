#include "support/options.h"

#include "support/errors.h"

#include <algorithm>
#include <limits>

namespace seekbench::cli {

CLI::Option *addOption(CLI::App &app, const std::string &name, std::optional<std::string> &out, const std::string &help)
{
    return app
        .add_option_function<std::string>(
            name, [&out](const std::string &v) { out = v; }, help)
        ->type_name("TEXT")
        ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
}

CLI::Option *addInteger(CLI::App &app, const std::string &name, std::optional<int> &out, const std::string &help)
{
    const auto set = [&out, name](const std::string &v) {
        out = int(parseIntegerIn(name, v, 0, std::numeric_limits<int>::max()));
    };
    return app.add_option_function<std::string>(name, set, help)
        ->type_name("N")
        ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
}

CLI::Option *addRepeated(CLI::App &app, const std::string &name, std::vector<std::string> &out, const std::string &help)
{
    return app.add_option(name, out, help + " (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false)
        ->expected(1, 1)
        ->type_size(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option *addFlag(CLI::App &app, const std::string &name, bool &out, const std::string &help)
{
    return app.add_flag(name, out, help);
}

CLI::Option *addProjectOption(CLI::App &app, std::optional<std::string> &out, const std::string &help)
{
    return addOption(app, "--project", out, help)->type_name("DIR");
}

CLI::Option *addJsonFlag(CLI::App &app, bool &out, const std::string &help)
{
    return addFlag(app, "--json", out, help);
}

void rejectExtras(const CLI::App &app)
{
    std::vector<std::string> extras = app.remaining();
    std::erase(extras, std::string("--")); // CLI11 keeps the positional mark among the extras
    if (extras.empty())
        return;
    const auto option = std::find_if(extras.begin(), extras.end(),
                                     [](const std::string &s) { return s.size() > 1 && s[0] == '-' && s != "-"; });
    if (option != extras.end())
        throw BadInput("unknown option " + *option);
    throw BadInput("unexpected argument '" + extras.front() + "'");
}

void describe(CLI::App &app, const std::string &example) { app.footer("\nexample:\n  " + example + "\n"); }

CLI::App *addVerbGroup(CLI::App &root, const std::string &name, const std::string &what, const std::string &verbs,
                       const std::string &example)
{
    CLI::App *group = root.add_subcommand(name, what);
    group->allow_extras();
    describe(*group, example);
    group->callback([group, name, verbs] {
        if (!group->get_subcommands().empty())
            return;
        const std::vector<std::string> words = group->remaining();
        if (!words.empty() && words.front().rfind('-', 0) == 0)
            rejectExtras(*group);
        if (!words.empty())
            throw BadInput("unknown verb '" + words.front() + "'");
        throw BadInput(name + " needs a verb: " + verbs);
    });
    return group;
}

} // namespace seekbench::cli
