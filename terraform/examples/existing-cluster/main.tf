# Eddy on an existing Kubernetes cluster: the Strimzi operator (optional) and the Eddy chart. Without
# kafka_bootstrap_servers the chart also creates a single-node Kafka cluster, so `terraform apply` gives a working
# pipeline from nothing but a cluster.

provider "helm" {
  kubernetes = {
    config_path    = pathexpand(var.kubeconfig_path)
    config_context = var.kubeconfig_context != "" ? var.kubeconfig_context : null
  }
}

locals {
  own_kafka = var.kafka_bootstrap_servers == ""
}

module "strimzi_operator" {
  source = "../../modules/strimzi-operator"
  count  = var.install_strimzi_operator ? 1 : 0

  watch_namespaces = [var.namespace]
}

module "eddy" {
  source = "../../modules/eddy"

  namespace               = var.namespace
  image_tag               = var.image_tag
  kafka_bootstrap_servers = var.kafka_bootstrap_servers
  strimzi_cluster_mode    = local.own_kafka ? "single-node" : "none"
  # Topics as KafkaTopic resources need the Topic Operator of a Strimzi cluster.
  strimzi_topics_enabled = local.own_kafka

  depends_on = [module.strimzi_operator]
}
