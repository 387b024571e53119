/**
 * The fleet's AWS deployment as AWS CDK code: {@link dev.llmtwin.ops.OpsApp} synthesizes
 * one CloudFormation stack (network, Amazon MQ, MongoDB access, Qdrant, secrets, the ECS
 * services and their load balancer) from validated context values.
 */
package dev.llmtwin.ops;
