variable "namespace" {
  description = "Namespace Eddy is installed in."
  type        = string
  default     = "eddy"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace)) && length(var.namespace) <= 63
    error_message = "namespace must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)."
  }
}

variable "create_namespace" {
  description = "Create the namespace if it does not exist."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name. Object names are <release>-<service>, or <release>-eddy-<service> when the release name does not contain \"eddy\"."
  type        = string
  default     = "eddy"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.release_name)) && length(var.release_name) <= 40
    error_message = "release_name must be a DNS-1123 label of at most 40 characters."
  }
}

variable "chart_path" {
  description = "Path of the Eddy chart; empty: helm/eddy of this repository."
  type        = string
  default     = ""
}

variable "image_registry" {
  description = "Registry and owner of the eddy-<service> images."
  type        = string
  default     = "ghcr.io/eddy-project"
}

variable "image_tag" {
  description = "Image tag of all four services; empty: the chart's appVersion. Never \"latest\"."
  type        = string
  default     = ""

  validation {
    condition     = var.image_tag != "latest"
    error_message = "image_tag must be a fixed version, not latest."
  }
}

variable "kafka_bootstrap_servers" {
  description = "Bootstrap servers of an existing Kafka cluster (host:port,...); empty: the bootstrap Service of the Strimzi cluster named strimzi_cluster_name in the namespace."
  type        = string
  default     = ""

  validation {
    condition     = var.kafka_bootstrap_servers == "" || can(regex("^[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*$", var.kafka_bootstrap_servers))
    error_message = "kafka_bootstrap_servers must be a comma-separated list of host:port."
  }
}

variable "kafka_security_protocol" {
  description = "Kafka client security protocol."
  type        = string
  default     = "PLAINTEXT"

  validation {
    condition     = contains(["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"], var.kafka_security_protocol)
    error_message = "kafka_security_protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL."
  }
}

variable "kafka_sasl_secrets" {
  description = "Per service (generator, enricher, aggregator, lakeWriter): name of an existing Secret holding the JAAS line under key sasl.jaas.config. Not needed when strimzi_users_enabled is true."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.kafka_sasl_secrets) : contains(["generator", "enricher", "aggregator", "lakeWriter"], k)])
    error_message = "kafka_sasl_secrets keys must be generator, enricher, aggregator or lakeWriter."
  }
}

variable "kafka_truststore_secret" {
  description = "Secret with the Kafka cluster CA certificate (PEM, key ca.crt) for SSL protocols; empty: <strimzi_cluster_name>-cluster-ca-cert."
  type        = string
  default     = ""
}

variable "strimzi_cluster_name" {
  description = "Name of the Strimzi Kafka cluster the topics and users belong to."
  type        = string
  default     = "eddy"
}

variable "strimzi_topics_enabled" {
  description = "Create Eddy's topics as KafkaTopic resources (needs the Strimzi Topic Operator)."
  type        = bool
  default     = true
}

variable "strimzi_users_enabled" {
  description = "Create one SCRAM-SHA-512 KafkaUser per service with its ACLs (needs authorization on the cluster)."
  type        = bool
  default     = false
}

variable "strimzi_cluster_mode" {
  description = "Let the chart create a Strimzi Kafka cluster: \"none\", \"single-node\" or \"production\"."
  type        = string
  default     = "none"

  validation {
    condition     = contains(["none", "single-node", "production"], var.strimzi_cluster_mode)
    error_message = "strimzi_cluster_mode must be none, single-node or production."
  }
}

variable "topic_partitions" {
  description = "Partitions of clickstream, clickstream.users (always equal: co-partitioned join), enriched and window topics; the ceiling of enricher and aggregator replicas."
  type        = number
  default     = 6

  validation {
    condition     = var.topic_partitions >= 1 && floor(var.topic_partitions) == var.topic_partitions
    error_message = "topic_partitions must be a positive integer."
  }
}

variable "topic_replicas" {
  description = "Replication factor of Eddy's topics; null: the broker default."
  type        = number
  default     = null
}

variable "replicas" {
  description = "Pods per service. Enricher and aggregator beyond topic_partitions stay idle."
  type = object({
    generator   = optional(number, 1)
    enricher    = optional(number, 1)
    aggregator  = optional(number, 2)
    lake_writer = optional(number, 1)
  })
  default = {}

  validation {
    condition     = var.replicas.aggregator >= 1 && var.replicas.enricher >= 0 && var.replicas.lake_writer >= 0 && var.replicas.generator >= 0
    error_message = "replicas must be non-negative, and the aggregator needs at least one pod."
  }
}

variable "generator_enabled" {
  description = "Run the synthetic click generator (off when real producers feed clickstream)."
  type        = bool
  default     = true
}

variable "lake_bucket" {
  description = "S3 bucket of the lake; empty: the lake writer keeps files inside its pod (trying out only)."
  type        = string
  default     = ""
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket."
  type        = string
  default     = "eddy"
}

variable "lake_region" {
  description = "AWS region of the bucket."
  type        = string
  default     = ""
}

variable "lake_role_arn" {
  description = "IAM role the Eddy service account assumes through IRSA (annotation eks.amazonaws.com/role-arn); empty: none."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_role_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.lake_role_arn))
    error_message = "lake_role_arn must be an IAM role ARN."
  }
}

variable "monitoring_enabled" {
  description = "Render ServiceMonitors, PrometheusRules and Grafana dashboards (needs the Prometheus Operator CRDs)."
  type        = bool
  default     = false
}

variable "monitoring_release_label" {
  description = "Value of the \"release\" label the Prometheus Operator selects rules and monitors by (kube-prometheus-stack: its release name)."
  type        = string
  default     = "kube-prometheus-stack"
}

variable "extra_values" {
  description = "Further chart values (YAML documents), merged after the ones this module sets."
  type        = list(string)
  default     = []
}
