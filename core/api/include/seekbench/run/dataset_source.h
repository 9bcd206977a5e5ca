#pragma once

// Data a caller hands to the trainer in memory, for tasks whose data does not come from
// the config alone (transactions read from a project's store, say). Torch-free: each task
// kind defines its own subclass of plain columns, and its training task casts to it.

namespace seekbench {

class DatasetSource
{
public:
    virtual ~DatasetSource() = default;
};

} // namespace seekbench
