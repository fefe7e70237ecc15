output "api_url" {
  description = "In-cluster URL of Eddy's query API."
  value       = module.eddy.api_url
}

output "lake_root" {
  description = "Where the lake writer publishes Parquet files."
  value       = module.lake.lake_root
}

output "athena_workgroup" {
  description = "Athena workgroup for lake queries (Glue database in glue_database)."
  value       = module.lake.athena_workgroup_name
}

output "glue_database" {
  description = "Glue database with the lake's tables."
  value       = module.lake.glue_database_name
}
