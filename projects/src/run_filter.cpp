#include "seekbench/projects/run_filter.h"

#include "params.h"
#include "seekbench/projects/project_error.h"

#include <cctype>

namespace seekbench::projects {

const char *toString(RunFilter::Op op)
{
    switch (op) {
    case RunFilter::Op::Eq: return "=";
    case RunFilter::Op::Ne: return "!=";
    case RunFilter::Op::Lt: return "<";
    case RunFilter::Op::Le: return "<=";
    case RunFilter::Op::Gt: return ">";
    case RunFilter::Op::Ge: return ">=";
    }
    return "=";
}

RunFilter::Condition RunFilter::Condition::parse(const std::string &text, const std::string &where)
{
    auto bad = [&](const std::string &what) -> ProjectError {
        return ProjectError(ProjectError::Kind::BadInput, where + ": '" + text + "' " + what);
    };
    // The first operator character splits key and value; two-character operators first.
    const auto pos = text.find_first_of("<>=!");
    if (pos == std::string::npos)
        throw bad("has no comparison (use =, !=, <, <=, > or >=, as in training.lr>=0.001)");
    Condition c;
    c.key = text.substr(0, pos);
    std::string rest = text.substr(pos);
    struct
    {
        const char *token;
        Op op;
    } static const ops[] = {{">=", Op::Ge}, {"<=", Op::Le}, {"!=", Op::Ne}, {"<>", Op::Ne},
                            {"==", Op::Eq}, {"=", Op::Eq},  {"<", Op::Lt},  {">", Op::Gt}};
    bool found = false;
    for (const auto &o : ops) {
        const std::string token = o.token;
        if (rest.compare(0, token.size(), token) == 0) {
            c.op = o.op;
            rest = rest.substr(token.size());
            found = true;
            break;
        }
    }
    if (!found)
        throw bad("has an unknown comparison");
    if (c.key.empty())
        throw bad("has no key before the comparison");
    for (char ch : c.key)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '/' || ch == '-'))
            throw bad("has a key with a character that keys do not have ('" + std::string(1, ch) + "')");
    if (rest.empty())
        throw bad("has no value after the comparison");
    if (rest.find_first_of("<>=!") == 0)
        throw bad("has an unknown comparison");
    c.text = rest;
    double number = 0;
    if (parseNumber(rest, number))
        c.number = number;
    return c;
}

} // namespace seekbench::projects
