variable "namespace" {
  description = "Namespace the Strimzi cluster operator runs in (created when create_namespace is true)."
  type        = string
  default     = "strimzi"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace)) && length(var.namespace) <= 63
    error_message = "namespace must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)."
  }
}

variable "create_namespace" {
  description = "Create the operator's namespace if it does not exist."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name of the operator."
  type        = string
  default     = "strimzi"
}

variable "chart_repository" {
  description = "Helm repository (or OCI registry) of the strimzi-kafka-operator chart."
  type        = string
  default     = "oci://quay.io/strimzi-helm"
}

variable "chart_version" {
  description = "Version of the strimzi-kafka-operator chart. Eddy's resources use kafka.strimzi.io/v1, served by Strimzi 0.49 and later (the only version in 1.x)."
  type        = string
  default     = "1.2.0"

  validation {
    condition     = can(regex("^(1\\.[0-9]+\\.[0-9]+|0\\.(49|[5-9][0-9])\\.[0-9]+)$", var.chart_version))
    error_message = "chart_version must be a fixed Strimzi version serving kafka.strimzi.io/v1 (0.49.0 or later, e.g. 1.2.0)."
  }
}

variable "watch_namespaces" {
  description = "Namespaces (besides its own) where the operator manages Kafka resources, e.g. [\"eddy\"]. Empty with watch_any_namespace false: only its own namespace."
  type        = list(string)
  default     = []
}

variable "watch_any_namespace" {
  description = "Let the operator manage Kafka resources in every namespace (cluster-wide RBAC)."
  type        = bool
  default     = false
}

variable "resources" {
  description = "CPU and memory requests and limits of the operator pod."
  type = object({
    requests = map(string)
    limits   = map(string)
  })
  default = {
    requests = { cpu = "200m", memory = "384Mi" }
    limits   = { memory = "384Mi" }
  }
}
