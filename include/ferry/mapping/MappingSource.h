#pragma once
// Thread: one thread at a time, like the SourceConnection it reads (see SourceConnection.h).

#include <ferry/Result.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/source/SourceConnection.h>

#include <memory>

namespace ferry::mapping {

/// A reader over what a mapping reads: its primary table with the joined tables' columns appended
/// ("<alias>.<column>"), or its source query's result.
///
/// Joins read each related table once into memory (first row per key; `orderBy` decides which is first),
/// then stream the primary table. Queries run on SQLite sources (the file is opened read-only with SQLite's
/// own API, the query checked to be a single read-only statement); other kinds give
/// "mapping.query-unsupported".
///
/// Error codes: "mapping.invalid" (unknown join column), "mapping.query-unsupported", "mapping.query-failed",
/// and the source's own errors.
Result<std::unique_ptr<SourceReader>> openMappingReader(SourceConnection &connection, const SourceSpec &spec,
                                                        const ReadOptions &options = {});

} // namespace ferry::mapping
