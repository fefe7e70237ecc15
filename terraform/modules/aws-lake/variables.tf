variable "bucket_name" {
  description = "Name of the S3 bucket that holds the lake (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, '.' and '-'."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket (the lake writer's root is s3://<bucket>/<prefix>)."
  type        = string
  default     = "eddy"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.lake_prefix))
    error_message = "lake_prefix must be a relative key prefix without leading or trailing '/'."
  }
}

variable "kms_key_arn" {
  description = "KMS key for server-side encryption of the lake and Athena results; null: SSE-S3 (AES256)."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a bucket that still holds objects. Keep false for real data."
  type        = bool
  default     = false
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted object versions are removed (versioning keeps them until then)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider (IRSA)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$", var.oidc_provider_arn))
    error_message = "oidc_provider_arn must be an IAM OIDC provider ARN."
  }
}

variable "service_account_namespace" {
  description = "Namespace of the Kubernetes service account the lake writer runs as."
  type        = string
  default     = "eddy"
}

variable "service_account_name" {
  description = "Name of that service account (the chart's default is <release>, e.g. \"eddy\")."
  type        = string
  default     = "eddy"
}

variable "role_name" {
  description = "Name of the IAM role for the service account."
  type        = string
  default     = "eddy-lake-writer"

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be a valid IAM role name (at most 64 characters)."
  }
}

variable "glue_database_name" {
  description = "Glue database holding one table per lake table."
  type        = string
  default     = "eddy"

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_database_name))
    error_message = "glue_database_name must be lowercase letters, digits and '_'."
  }
}

variable "projection_start_date" {
  description = "First dt partition (yyyy-MM-dd) Athena's partition projection considers."
  type        = string
  default     = "2026-01-01"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.projection_start_date))
    error_message = "projection_start_date must be yyyy-MM-dd."
  }
}

variable "athena_workgroup_name" {
  description = "Name of the Athena workgroup for lake queries."
  type        = string
  default     = "eddy"
}

variable "athena_bytes_scanned_cutoff" {
  description = "Largest number of bytes one Athena query may scan (cost guard); null: no limit."
  type        = number
  default     = 10737418240

  validation {
    condition     = var.athena_bytes_scanned_cutoff == null || try(var.athena_bytes_scanned_cutoff >= 10485760, false)
    error_message = "athena_bytes_scanned_cutoff must be at least 10 MiB (10485760), Athena's minimum."
  }
}

variable "athena_results_expiration_days" {
  description = "Days Athena query results are kept under athena-results/ in the bucket."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
