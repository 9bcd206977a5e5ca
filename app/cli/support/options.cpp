#include "support/options.h"

#include "support/errors.h"

#include <algorithm>
#include <charconv>

namespace seekbench::cli {

CLI::Option *addOption(CLI::App &app, const std::string &name, std::optional<std::string> &out, const std::string &help)
{
    return app
        .add_option_function<std::string>(
            name, [&out](const std::string &v) { out = v; }, help)
        ->type_name("TEXT")
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

long long parseInteger(const std::string &key, const std::string &text)
{
    long long v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
        throw BadInput(key + ": '" + text + "' is not a number");
    return v;
}

long long parseIntegerIn(const std::string &key, const std::string &text, long long min, long long max)
{
    long long v = min - 1;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || v < min || v > max)
        throw BadInput(key + " '" + text + "' is not " + std::to_string(min) + ".." + std::to_string(max));
    return v;
}

long long parseCount(const std::string &key, const std::string &text, long long min)
{
    long long v = -1;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || v < min)
        throw BadInput(key + ": '" + text + "' is not a " + (min > 0 ? "positive count" : "count"));
    return v;
}

double parseNumber(const std::string &key, const std::string &text)
{
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (text.empty() || used != text.size())
        throw BadInput(key + ": '" + text + "' is not a number");
    return v;
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
