/** AWS adapters of Jetway's ports: DynamoDB event store, state and sessions; later ECS, Lambda and EventBridge. */
package dev.jetway.aws;
