locals {
  chart_path = var.chart_path != "" ? var.chart_path : "${path.module}/../../../helm/eddy"

  monitoring_labels = { release = var.monitoring_release_label }

  # Chart values from the module's variables; credentials are never values here, only Secret names.
  values = {
    image = merge(
      { registry = var.image_registry },
      var.image_tag != "" ? { tag = var.image_tag } : {},
    )
    kafka = {
      bootstrapServers = var.kafka_bootstrap_servers
      security         = { protocol = var.kafka_security_protocol }
      sasl             = { existingSecrets = var.kafka_sasl_secrets }
      truststore       = { existingSecret = var.kafka_truststore_secret }
    }
    strimzi = {
      clusterName = var.strimzi_cluster_name
      topics = {
        enabled    = var.strimzi_topics_enabled
        partitions = var.topic_partitions
        replicas   = var.topic_replicas
      }
      users = { enabled = var.strimzi_users_enabled }
      cluster = {
        enabled = var.strimzi_cluster_mode != "none"
        mode    = var.strimzi_cluster_mode == "none" ? "single-node" : var.strimzi_cluster_mode
      }
    }
    serviceAccount = {
      create      = true
      annotations = var.lake_role_arn != "" ? { "eks.amazonaws.com/role-arn" = var.lake_role_arn } : {}
    }
    generator  = { enabled = var.generator_enabled, replicas = var.replicas.generator }
    enricher   = { replicas = var.replicas.enricher }
    aggregator = { replicas = var.replicas.aggregator }
    lakeWriter = {
      replicas = var.replicas.lake_writer
      s3 = {
        bucket = var.lake_bucket
        prefix = var.lake_prefix
        region = var.lake_region
      }
    }
    monitoring = {
      serviceMonitor          = { enabled = var.monitoring_enabled, labels = local.monitoring_labels }
      kafkaExporterPodMonitor = { enabled = var.monitoring_enabled && var.strimzi_cluster_mode != "none" }
      prometheusRule          = { enabled = var.monitoring_enabled, labels = local.monitoring_labels }
      dashboards              = { enabled = var.monitoring_enabled }
    }
  }
}

resource "helm_release" "eddy" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  chart            = local.chart_path

  # Wait for every pod to be ready: a failed rollout fails the apply instead of leaving a half-upgraded pipeline.
  wait          = true
  timeout       = 900
  atomic        = false
  recreate_pods = false

  values = concat([yamlencode(local.values)], var.extra_values)
}
