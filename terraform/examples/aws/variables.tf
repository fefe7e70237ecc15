variable "region" {
  description = "AWS region of the EKS cluster and the lake."
  type        = string
  default     = "eu-west-1"
}

variable "eks_cluster_name" {
  description = "Name of the existing EKS cluster (with an IAM OIDC provider for IRSA)."
  type        = string
}

variable "lake_bucket_name" {
  description = "Name of the lake bucket to create (globally unique)."
  type        = string
}

variable "namespace" {
  description = "Namespace of Eddy."
  type        = string
  default     = "eddy"
}

variable "kafka_bootstrap_servers" {
  description = "Bootstrap servers of the Kafka cluster (for example Amazon MSK or Strimzi); empty: a Strimzi cluster created by the chart in production mode."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Eddy image tag; empty: the chart's appVersion."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags on every AWS resource."
  type        = map(string)
  default     = { project = "eddy" }
}
