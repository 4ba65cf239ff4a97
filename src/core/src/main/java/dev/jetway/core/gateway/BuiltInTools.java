package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tools the gateway serves itself (the {@code registry_*} management tools), listed next to the
 * providers' tools under their own names, without a provider prefix.
 */
public interface BuiltInTools {

    /** The MCP Tool definitions, as clients see them. */
    ArrayNode definitions();

    boolean offers(String toolName);

    /** Runs the tool; returns a {@code tools/call} result (failures as {@code isError} results). */
    ObjectNode call(String toolName, ObjectNode arguments);
}
