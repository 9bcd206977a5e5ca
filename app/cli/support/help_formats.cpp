#include "support/help_formats.h"

#include "support/errors.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

namespace seekbench::cli {

namespace {

std::vector<const CLI::App *> visibleSubverbs(const CLI::App &app)
{
    return app.get_subcommands([](const CLI::App *a) { return !a->get_group().empty() && !a->get_name().empty(); });
}

OptionSpec optionSpec(const CLI::Option &opt)
{
    OptionSpec spec;
    spec.positional = opt.get_positional() && opt.get_lnames().empty() && opt.get_snames().empty();
    for (const std::string &l : opt.get_lnames())
        spec.names.push_back("--" + l);
    for (const std::string &s : opt.get_snames())
        spec.names.push_back("-" + s);
    if (spec.positional)
        spec.names.push_back(opt.get_name());
    spec.description = opt.get_description();
    if ((opt.get_expected_max() != 0 && opt.get_type_size_max() > 0) || spec.positional)
        spec.valueName = opt.get_type_name().empty() ? "VALUE" : opt.get_type_name();
    if (const auto member = spec.valueName.find(":{"); member != std::string::npos)
        spec.valueName.erase(member); // CLI::IsMember appends ":{a,b}"; the name already lists them
    return spec;
}

void collect(const CLI::App &app, const std::string &path, std::vector<VerbSpec> &out)
{
    VerbSpec verb;
    verb.path = path;
    verb.description = app.get_description();
    verb.example = app.get_footer();
    for (const CLI::Option *opt : app.get_options([](const CLI::Option *o) { return !o->get_group().empty(); }))
        verb.options.push_back(optionSpec(*opt));
    const auto subs = visibleSubverbs(app);
    for (const CLI::App *sub : subs)
        verb.subverbs.push_back(sub->get_name());
    out.push_back(std::move(verb));
    for (const CLI::App *sub : subs)
        collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

// roff: a backslash is \e, and a line must not start with a control character.
std::string roff(const std::string &text)
{
    std::string out;
    bool lineStart = true;
    for (char c : text) {
        if (lineStart && (c == '.' || c == '\''))
            out += "\\&";
        if (c == '\\')
            out += "\\e";
        else
            out += c;
        lineStart = c == '\n';
    }
    return out;
}

// An option's name in roff, with real minus signs ("\-\-config").
std::string roffName(const std::string &name)
{
    std::string out;
    for (char c : name)
        out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

std::string join(const std::vector<std::string> &words)
{
    std::string out;
    for (const std::string &w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

void manOptions(std::ostringstream &m, const VerbSpec &verb, bool withExample)
{
    for (const OptionSpec &o : verb.options) {
        if (!verb.path.empty() && std::find(o.names.begin(), o.names.end(), "--help") != o.names.end())
            continue; // every verb has it; the program's section says so
        m << ".TP\n";
        if (o.positional) {
            m << "\\fI" << roff(o.names.front()) << "\\fR\n";
        } else {
            m << ".B ";
            for (std::size_t i = 0; i < o.names.size(); ++i)
                m << (i ? ", " : "") << roffName(o.names[i]);
            if (!o.valueName.empty())
                m << " \\fI" << roff(o.valueName) << "\\fR";
            m << "\n";
        }
        m << roff(o.description.empty() ? "(no description)" : o.description) << "\n";
    }
    if (withExample && verb.example.find_first_not_of(" \n") != std::string::npos) {
        m << ".PP\n.nf\n" << roff(verb.example.substr(verb.example.find_first_not_of('\n'))) << "\n.fi\n";
    }
}

// The completion data as shell functions: the same text is valid bash and zsh.
std::string completionData(const std::vector<VerbSpec> &verbs)
{
    std::ostringstream s;
    s << "_seekbench_cli_subverbs() {\n  case \"$1\" in\n";
    for (const VerbSpec &v : verbs)
        if (!v.subverbs.empty())
            s << "    '" << v.path << "') echo '" << join(v.subverbs) << "' ;;\n";
    s << "  esac\n}\n";
    s << "_seekbench_cli_options() {\n  case \"$1\" in\n";
    for (const VerbSpec &v : verbs) {
        std::vector<std::string> names;
        for (const OptionSpec &o : v.options)
            if (!o.positional)
                names.insert(names.end(), o.names.begin(), o.names.end());
        s << "    '" << v.path << "') echo '" << join(names) << "' ;;\n";
    }
    s << "  esac\n}\n";
    // "$verb|$option" -> how its value completes; "-" for free text; nothing for a flag.
    s << "_seekbench_cli_value() {\n  case \"$1|$2\" in\n";
    for (const VerbSpec &v : verbs)
        for (const OptionSpec &o : v.options) {
            if (o.valueName.empty())
                continue;
            const std::string kind = valueCompletion(o.valueName);
            for (const std::string &n : o.names)
                s << "    '" << v.path << "|" << (o.positional ? "@positional" : n) << "') echo '"
                  << (kind.empty() ? "-" : kind) << "' ;;\n";
        }
    s << "  esac\n}\n";
    // The verb path of the words before the cursor, and whether the cursor is on an
    // option's value: sets seekbench_verb and seekbench_value_of.
    s << R"SH(_seekbench_cli_walk() {
  seekbench_verb='' seekbench_value_of=''
  local w subs
  for w in "$@"; do
    if [[ -n $seekbench_value_of ]]; then seekbench_value_of=''; continue; fi
    case $w in
      --*=*) ;;
      -*) [[ -n $(_seekbench_cli_value "$seekbench_verb" "$w") ]] && seekbench_value_of=$w ;;
      *) subs=" $(_seekbench_cli_subverbs "$seekbench_verb") "
         [[ $subs == *" $w "* ]] && seekbench_verb=${seekbench_verb:+$seekbench_verb }$w ;;
    esac
  done
}
)SH";
    return s.str();
}

} // namespace

std::vector<VerbSpec> verbSpecs(const CLI::App &root)
{
    std::vector<VerbSpec> out;
    collect(root, "", out);
    return out;
}

std::string valueCompletion(const std::string &valueName)
{
    if (valueName.find("FILE") != std::string::npos || valueName.find("PATH") != std::string::npos
        || valueName.find("IMAGE") != std::string::npos || valueName.find('.') != std::string::npos)
        return "file";
    if (valueName == "DIR")
        return "dir";
    // "csv|json", "en|zh_CN": words to choose from; "DIR|RUN_ID": placeholders.
    bool choices = valueName.find('|') != std::string::npos;
    std::istringstream parts(valueName);
    for (std::string part; choices && std::getline(parts, part, '|');)
        choices = std::any_of(part.begin(), part.end(), [](unsigned char c) { return std::islower(c); });
    if (choices) {
        std::string words = valueName;
        std::replace(words.begin(), words.end(), '|', ' ');
        return "choices:" + words;
    }
    return "";
}

std::string manPage(const CLI::App &root, const std::string &version)
{
    const std::vector<VerbSpec> verbs = verbSpecs(root);
    std::ostringstream m;
    m << ".\\\" Generated by `seekbench-cli man` from the definitions --help prints. Do not edit.\n";
    m << ".TH SEEKBENCH-CLI 1 \"\" \"Seekbench " << roff(version) << "\" \"User Commands\"\n";
    m << ".SH NAME\nseekbench-cli \\- " << roff(root.get_description().substr(root.get_description().find(':') + 2))
      << "\n";
    m << ".SH SYNOPSIS\n.B seekbench-cli\n\\fIVERB\\fR [\\fISUBVERB\\fR] [\\fIOPTIONS\\fR]\n.br\n"
      << ".B seekbench-cli\n\\fIVERB\\fR \\-\\-help\n";
    m << ".SH DESCRIPTION\n"
      << "seekbench-cli is the headless half of Seekbench, the desktop workbench for DeepSeek-style models: it "
         "trains runs on this machine, on several ranks or through Slurm, and records them in a project folder "
         "(a SQLite store with the runs' metrics, logs and checkpoints) that the desktop application "
         "\\fBseekbench\\fR(1) opens. It needs no display and no Qt, so it runs on cluster nodes and GPU servers. "
         "Each verb below has its own \\fB\\-\\-help\\fR.\n";
    m << ".SH OPTIONS\n";
    manOptions(m, verbs.front(), false); // its footer is the exit codes, below
    for (std::size_t i = 1; i < verbs.size(); ++i) {
        const VerbSpec &v = verbs[i];
        if (v.path.find(' ') == std::string::npos)
            m << ".SH \"" << upper(v.path) << "\"\n";
        else
            m << ".SS \"" << v.path << "\"\n";
        m << roff(v.description) << "\n";
        if (!v.subverbs.empty())
            m << ".PP\nVerbs: \\fB" << join(v.subverbs) << "\\fR.\n";
        manOptions(m, v, true);
    }
    m << ".SH \"EXIT STATUS\"\n.nf\n" << roff(kExitCodeHelp) << ".fi\n";
    m << ".SH \"SEE ALSO\"\n\\fBseekbench\\fR(1)\n";
    return m.str();
}

std::string bashCompletion(const CLI::App &root)
{
    std::ostringstream s;
    s << "# bash completion for seekbench-cli. Generated by `seekbench-cli completion bash` from the\n"
         "# definitions --help prints. Do not edit.\n";
    s << completionData(verbSpecs(root));
    s << R"SH(_seekbench_cli() {
  local cur=${COMP_WORDS[COMP_CWORD]} kind subs
  _seekbench_cli_walk "${COMP_WORDS[@]:1:COMP_CWORD-1}"
  COMPREPLY=()
  if [[ -n $seekbench_value_of ]]; then
    kind=$(_seekbench_cli_value "$seekbench_verb" "$seekbench_value_of")
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_seekbench_cli_options "$seekbench_verb")" -- "$cur"))
    return 0
  else
    subs=$(_seekbench_cli_subverbs "$seekbench_verb")
    if [[ -n $subs ]]; then
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
      return 0
    fi
    kind=$(_seekbench_cli_value "$seekbench_verb" @positional)
  fi
  case $kind in
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    choices:*) COMPREPLY=($(compgen -W "${kind#choices:}" -- "$cur")) ;;
  esac
  return 0
}
complete -F _seekbench_cli seekbench-cli
)SH";
    return s.str();
}

std::string zshCompletion(const CLI::App &root)
{
    std::ostringstream s;
    s << "#compdef seekbench-cli\n"
         "# zsh completion for seekbench-cli. Generated by `seekbench-cli completion zsh` from the\n"
         "# definitions --help prints. Do not edit.\n";
    s << completionData(verbSpecs(root));
    s << R"SH(_seekbench-cli() {
  local cur=${words[CURRENT]} kind subs
  _seekbench_cli_walk "${(@)words[2,CURRENT-1]}"
  if [[ -n $seekbench_value_of ]]; then
    kind=$(_seekbench_cli_value "$seekbench_verb" "$seekbench_value_of")
  elif [[ $cur == -* ]]; then
    compadd -- ${=$(_seekbench_cli_options "$seekbench_verb")}
    return
  else
    subs=$(_seekbench_cli_subverbs "$seekbench_verb")
    if [[ -n $subs ]]; then
      compadd -- ${=subs}
      return
    fi
    kind=$(_seekbench_cli_value "$seekbench_verb" @positional)
  fi
  case $kind in
    file) _files ;;
    dir) _files -/ ;;
    choices:*) compadd -- ${=kind#choices:} ;;
  esac
}
_seekbench-cli "$@"
)SH";
    return s.str();
}

void registerHelpFormatVerbs(CLI::App &root, int &exitCode, const std::string &version)
{
    static std::string shell;
    CLI::App *completion = root.add_subcommand("completion", "print the bash or zsh completion script");
    completion->add_option("shell", shell, "bash or zsh")
        ->type_name("bash|zsh")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh"}));
    completion->footer("\nexample:\n  source <(seekbench-cli completion bash)\n");
    completion->callback([&root, &exitCode] {
        const std::string text = shell == "bash" ? bashCompletion(root) : zshCompletion(root);
        std::fwrite(text.data(), 1, text.size(), stdout);
        exitCode = ExitOk;
    });
    CLI::App *man = root.add_subcommand("man", "print the man page (roff)");
    man->group(""); // hidden: the build installs its output as seekbench-cli(1)
    man->callback([&root, &exitCode, version] {
        const std::string text = manPage(root, version);
        std::fwrite(text.data(), 1, text.size(), stdout);
        exitCode = ExitOk;
    });
}

} // namespace seekbench::cli
