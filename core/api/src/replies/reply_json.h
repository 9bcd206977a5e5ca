#pragma once

// Reading a CLI reply: the document parsed as an object, and keys read with errors that
// name them. Private to core_api's replies.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace seekbench::replies::detail {

inline nlohmann::json parseObject(const std::string &what, const std::string &document)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(document);
    } catch (const nlohmann::json::exception &e) {
        throw std::invalid_argument(what + ": not JSON: " + e.what());
    }
    if (!j.is_object())
        throw std::invalid_argument(what + ": not a JSON object");
    return j;
}

// The value of a required key, of type T; throws "what: key 'k' is missing" or "... is not a T".
template<typename T>
T required(const std::string &what, const nlohmann::json &j, const char *key, const char *type)
{
    const auto it = j.find(key);
    if (it == j.end())
        throw std::invalid_argument(what + ": key '" + key + "' is missing");
    bool ok = false;
    if constexpr (std::is_same_v<T, std::string>)
        ok = it->is_string();
    else if constexpr (std::is_same_v<T, bool>)
        ok = it->is_boolean();
    else if constexpr (std::is_integral_v<T>)
        ok = it->is_number_integer();
    else if constexpr (std::is_floating_point_v<T>)
        ok = it->is_number();
    else
        ok = true;
    if (!ok)
        throw std::invalid_argument(what + ": key '" + key + "' is not " + type);
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception &) {
        throw std::invalid_argument(what + ": key '" + key + "' is not " + type);
    }
}

// The object or array under `key`; throws "what: key 'k' is missing" or "... is not an
// object" ("an array").
inline const nlohmann::json &object(const std::string &what, const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end())
        throw std::invalid_argument(what + ": key '" + key + "' is missing");
    if (!it->is_object())
        throw std::invalid_argument(what + ": key '" + key + "' is not an object");
    return *it;
}

inline const nlohmann::json &array(const std::string &what, const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end())
        throw std::invalid_argument(what + ": key '" + key + "' is missing");
    if (!it->is_array())
        throw std::invalid_argument(what + ": key '" + key + "' is not an array");
    return *it;
}

} // namespace seekbench::replies::detail
