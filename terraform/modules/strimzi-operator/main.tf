# The Strimzi cluster operator, installed from its official Helm chart. It manages the Kafka, KafkaNodePool,
# KafkaTopic and KafkaUser resources of k8s/ and of the Eddy chart.
resource "helm_release" "strimzi" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  repository       = var.chart_repository
  chart            = "strimzi-kafka-operator"
  version          = var.chart_version

  # The CRDs ship in the chart's crds/ folder; Helm installs them on first install only. Upgrades of Strimzi must
  # apply the new CRDs first (see docs/operations.md, "Upgrade").
  skip_crds = false
  wait      = true
  timeout   = 600

  values = [yamlencode({
    watchNamespaces   = var.watch_namespaces
    watchAnyNamespace = var.watch_any_namespace
    resources         = var.resources
  })]
}
