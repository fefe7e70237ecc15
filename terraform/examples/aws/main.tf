# Eddy on EKS with its lake on S3: bucket, IRSA role, Glue tables with partition projection and an Athena
# workgroup (module aws-lake), the Strimzi operator, and the Eddy chart whose lake writer assumes the role.

provider "aws" {
  region = var.region
  default_tags {
    tags = var.tags
  }
}

data "aws_eks_cluster" "this" {
  name = var.eks_cluster_name
}

data "aws_eks_cluster_auth" "this" {
  name = var.eks_cluster_name
}

data "aws_iam_openid_connect_provider" "eks" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

provider "helm" {
  kubernetes = {
    host                   = data.aws_eks_cluster.this.endpoint
    cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
    token                  = data.aws_eks_cluster_auth.this.token
  }
}

locals {
  own_kafka = var.kafka_bootstrap_servers == ""
  release   = "eddy"
}

module "lake" {
  source = "../../modules/aws-lake"

  bucket_name               = var.lake_bucket_name
  oidc_provider_arn         = data.aws_iam_openid_connect_provider.eks.arn
  service_account_namespace = var.namespace
  # The chart's service account is named like the release.
  service_account_name = local.release
  tags                 = var.tags
}

module "strimzi_operator" {
  source = "../../modules/strimzi-operator"
  count  = local.own_kafka ? 1 : 0

  watch_namespaces = [var.namespace]
}

module "eddy" {
  source = "../../modules/eddy"

  release_name            = local.release
  namespace               = var.namespace
  image_tag               = var.image_tag
  kafka_bootstrap_servers = var.kafka_bootstrap_servers
  kafka_security_protocol = local.own_kafka ? "SASL_SSL" : "PLAINTEXT"
  strimzi_cluster_mode    = local.own_kafka ? "production" : "none"
  strimzi_topics_enabled  = local.own_kafka
  strimzi_users_enabled   = local.own_kafka
  topic_replicas          = local.own_kafka ? 3 : null
  generator_enabled       = false
  replicas = {
    enricher    = 3
    aggregator  = 3
    lake_writer = 2
  }
  lake_bucket        = module.lake.bucket_name
  lake_region        = var.region
  lake_role_arn      = module.lake.lake_writer_role_arn
  monitoring_enabled = true
  extra_values = [yamlencode({
    # The enricher's changelogs must match the cluster's min.insync.replicas (2).
    enricher = { settings = { "replication-factor" = 3 } }
  })]

  depends_on = [module.strimzi_operator]
}
