/**
 * The CDK app that deploys Jetway: {@link dev.jetway.infra.JetwayApp} reads the same YAML file as the
 * gateway and {@link dev.jetway.infra.JetwayStack} composes one construct per concern (event table,
 * bus and schemas, container providers, functions, API, schedules, fan-out, dashboard and alarms).
 */
package dev.jetway.infra;
