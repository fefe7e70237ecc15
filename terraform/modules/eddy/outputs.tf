locals {
  fullname       = strcontains(var.release_name, "eddy") ? var.release_name : "${var.release_name}-eddy"
  aggregator_svc = "${local.fullname}-aggregator"
}

output "release_name" {
  description = "Helm release name."
  value       = helm_release.eddy.name
}

output "namespace" {
  description = "Namespace Eddy runs in."
  value       = helm_release.eddy.namespace
}

output "chart_version" {
  description = "Version of the installed Eddy chart."
  value       = helm_release.eddy.version
}

output "api_url" {
  description = "In-cluster URL of the aggregator's query API (any instance answers any key)."
  value       = "http://${local.aggregator_svc}.${helm_release.eddy.namespace}.svc:8083/api/v1"
}

output "port_forward_command" {
  description = "Command that exposes the query API on localhost:8083."
  value       = "kubectl -n ${helm_release.eddy.namespace} port-forward svc/${local.aggregator_svc} 8083:8083"
}
