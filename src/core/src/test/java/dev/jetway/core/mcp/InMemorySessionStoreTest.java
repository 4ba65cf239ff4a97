package dev.jetway.core.mcp;

/** The session store contract for the in-memory store of local mode. */
class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }
}
