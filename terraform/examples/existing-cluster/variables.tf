variable "kubeconfig_path" {
  description = "Kubeconfig of the existing Kubernetes cluster."
  type        = string
  default     = "~/.kube/config"
}

variable "kubeconfig_context" {
  description = "Context in the kubeconfig; empty: its current context."
  type        = string
  default     = ""
}

variable "install_strimzi_operator" {
  description = "Install the Strimzi operator (skip when the cluster already runs one that watches the Eddy namespace)."
  type        = bool
  default     = true
}

variable "namespace" {
  description = "Namespace of Eddy (and of its Strimzi Kafka cluster, when the chart creates one)."
  type        = string
  default     = "eddy"
}

variable "kafka_bootstrap_servers" {
  description = "Bootstrap servers of an existing Kafka cluster; empty: the chart creates a single-node Strimzi cluster for trying Eddy out."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Eddy image tag; empty: the chart's appVersion."
  type        = string
  default     = ""
}
