output "bucket_name" {
  description = "Name of the lake bucket."
  value       = aws_s3_bucket.lake.bucket
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = aws_s3_bucket.lake.arn
}

output "lake_root" {
  description = "The lake writer's root (chart value lakeWriter.s3.bucket/prefix, or eddy.lake-writer.root)."
  value       = local.lake_root
}

output "lake_writer_role_arn" {
  description = "IAM role ARN for the service account annotation eks.amazonaws.com/role-arn."
  value       = aws_iam_role.lake_writer.arn
}

output "glue_database_name" {
  description = "Glue database with one table per lake table."
  value       = aws_glue_catalog_database.lake.name
}

output "glue_table_names" {
  description = "Names of the Glue tables over the lake."
  value       = sort([for table in aws_glue_catalog_table.lake : table.name])
}

output "athena_workgroup_name" {
  description = "Athena workgroup to run lake queries in."
  value       = aws_athena_workgroup.lake.name
}

output "athena_results_location" {
  description = "Where Athena writes query results."
  value       = "s3://${aws_s3_bucket.lake.bucket}/athena-results/"
}

output "partition" {
  description = "AWS partition of the resources (aws, aws-cn, aws-us-gov)."
  value       = data.aws_partition.current.partition
}
