package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceSubscriptionsTest {

    private final ResourceSubscriptions subscriptions = new ResourceSubscriptions();

    @Test
    void anUpdateGoesOnlyToSessionsSubscribedToItsUriOrAParentOfIt() {
        subscriptions.subscribe("a", "p+test://dir");

        assertThat(subscriptions.wants("a", "p+test://dir")).isTrue();
        assertThat(subscriptions.wants("a", "p+test://dir/file")).as("a sub-resource").isTrue();
        assertThat(subscriptions.wants("a", "p+test://directory")).as("a mere string prefix is not a parent").isFalse();
        assertThat(subscriptions.wants("b", "p+test://dir")).as("a session that did not subscribe").isFalse();
    }

    @Test
    void theProviderSubscriptionIsReleasedOnlyWhenTheLastSessionLetsGo() {
        subscriptions.subscribe("a", "p+test://x");
        subscriptions.subscribe("b", "p+test://x");

        assertThat(subscriptions.unsubscribeAndCheckOthers("a", "p+test://x")).as("b still holds it").isTrue();
        assertThat(subscriptions.endSession("b")).as("b was the last").containsExactly("p+test://x");
        assertThat(subscriptions.wants("b", "p+test://x")).isFalse();
    }
}
