/** The CDK app that deploys Jetway: stacks and constructs. */
package dev.jetway.infra;
