#pragma once

// What kg_store.cpp (writing) and kg_store_read.cpp (reading) share: the connection, the
// error for a damaged row, the normalisation of searchable forms and the sentences' JSON.

#include "connection.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/project_error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace seekbench::projects {

struct KgStore::Impl
{
    const Project &project;
    sql::Database db;
};

namespace kgrows {

// "kg store: table kg_edges, graph 3, row 17: head 40 is past the graph's 12 nodes".
[[noreturn]] inline void damaged(std::string_view table, std::int64_t graphId, const std::string &row,
                                 const std::string &what)
{
    throw ProjectError(ProjectError::Kind::DamagedDatabase, "kg store: table " + std::string(table) + ", graph "
                                                                + std::to_string(graphId) + ", row " + row + ": "
                                                                + what);
}

// Like kg::normaliseMention (linking.h), kept here so that the store does not depend on
// linking: ASCII lower case, inner runs of spaces and hyphens as one space, leading and
// trailing punctuation and spaces removed. "  Fabry-Disease," -> "fabry disease".
std::string normaliseForm(std::string_view text);

std::string entitiesJson(const std::vector<kg::PredictedEntity> &entities);
std::string relationsJson(const std::vector<kg::PredictedRelation> &relations);
// Checked against the sentence's text (spans inside it) and entities (relation ends);
// `error` names the entry and the field at fault.
bool parseEntities(const std::string &json, std::size_t textBytes, std::vector<kg::PredictedEntity> &out,
                   std::string &error);
bool parseRelations(const std::string &json, std::size_t entityCount, std::vector<kg::PredictedRelation> &out,
                    std::string &error);

} // namespace kgrows

} // namespace seekbench::projects
