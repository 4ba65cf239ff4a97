package dev.jetway.core.eventstore;

import java.util.List;
import java.util.Optional;

/** Reads the projections written with appends, and enumerates streams for a rebuild. */
public interface ReadProjections {

    Optional<StoredProjection> projection(String streamId);

    /** Ids of every stream whose id starts with {@code prefix}, sorted. Meant for rebuilds, not the hot path. */
    List<String> streamIds(String prefix);
}
