output "api_url" {
  description = "In-cluster URL of Eddy's query API."
  value       = module.eddy.api_url
}

output "port_forward_command" {
  description = "Expose the query API on localhost:8083."
  value       = module.eddy.port_forward_command
}
