/**
 * Container providers as ECS Fargate tasks: {@link dev.jetway.aws.ecs.EcsTaskLauncher} runs one
 * task per start (idempotent through a client token derived from the start's stream version),
 * reaches it at its private IP and stops it when the lifecycle says so.
 */
package dev.jetway.aws.ecs;
