/**
 * Provider groups: a {@code mode: group} provider spreads calls over member providers.
 *
 * <p>Entry point: {@link dev.jetway.core.groups.GroupRouter}. Wire it with two ports:
 * {@link dev.jetway.core.groups.GroupDefinitions} (the group specs; {@code GroupDefinitions.of(config.providers())}
 * for a loaded file, or a view of the registry for hot-loaded groups) and
 * {@link dev.jetway.core.groups.MemberStatusView} (the lifecycle's read side: each member's
 * {@code LifecycleState}, {@code CircuitStatus} and whether it accepts calls). Then
 * <ul>
 *   <li>{@code router.call(group, member -> forward(member, request))} for a request/response call:
 *       counts the call in flight, fails over once to another member when the first was unavailable;</li>
 *   <li>{@code try (var lease = router.acquire(group)) { … lease.provider() … }} for a call that
 *       outlives one method (a stream);</li>
 *   <li>{@code router.select(group)} to only learn the member, and
 *       {@code router.memberStatuses(group)} for status tools.</li>
 * </ul>
 *
 * <p>A member is selectable unless it is DEAD, its circuit is OPEN, or the view says it does not
 * accept calls (an unknown member does not). A group with fewer selectable members than
 * {@code min_healthy} is refused with {@link dev.jetway.core.groups.GroupUnavailableException}.
 * Strategies: {@code round_robin}, {@code weighted_round_robin} (nginx's smooth weighted round
 * robin), {@code priority} (failover and failback), {@code random} (weighted) and
 * {@code least_connections} (calls open from this gateway instance only; instances do not share
 * counts). Groups of groups are refused by the config loader.
 */
package dev.jetway.core.groups;
