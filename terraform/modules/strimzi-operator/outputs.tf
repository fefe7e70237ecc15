output "namespace" {
  description = "Namespace the operator runs in."
  value       = helm_release.strimzi.namespace
}

output "release_name" {
  description = "Helm release name of the operator."
  value       = helm_release.strimzi.name
}

output "chart_version" {
  description = "Installed strimzi-kafka-operator chart version."
  value       = helm_release.strimzi.version
}
