# The lake's tables as the lake writer writes them: one Parquet folder per table under s3://<bucket>/<prefix>/,
# partitioned dt=YYYY-MM-DD/hr=HH by event time (UTC). Columns are the JSON field names of the event contracts
# (events/, dev.eddy.events.*), typed as the lake writer maps them: String -> string, int -> int, long -> bigint,
# boolean -> boolean. deploy-tests checks these lists against the contract classes.
locals {
  lake_tables = {
    clickstream_enriched = {
      description = "Every click joined with its user and reference data (topic clickstream.enriched)."
      columns = [
        { name = "event_id", type = "string" },
        { name = "session_id", type = "string" },
        { name = "ip", type = "string" },
        { name = "userid", type = "int" },
        { name = "remote_user", type = "string" },
        { name = "time", type = "string" },
        { name = "_time", type = "bigint" },
        { name = "request", type = "string" },
        { name = "method", type = "string" },
        { name = "page", type = "string" },
        { name = "status", type = "int" },
        { name = "status_text", type = "string" },
        { name = "is_error", type = "boolean" },
        { name = "bytes", type = "bigint" },
        { name = "referrer", type = "string" },
        { name = "agent", type = "string" },
        { name = "is_bot", type = "boolean" },
        { name = "user_known", type = "boolean" },
        { name = "username", type = "string" },
        { name = "first_name", type = "string" },
        { name = "last_name", type = "string" },
        { name = "city", type = "string" },
        { name = "level", type = "string" },
        { name = "registered_at", type = "bigint" },
      ]
    }
    user_activity_1m = {
      description = "Events per user per one-minute tumbling window (final results)."
      columns = [
        { name = "userid", type = "int" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "events", type = "bigint" },
      ]
    }
    page_views_1m = {
      description = "Page views per page per one-minute tumbling window (final results)."
      columns = [
        { name = "page", type = "string" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "views", type = "bigint" },
      ]
    }
    page_views_5m = {
      description = "Page views per page per five-minute window advancing by one minute (final results)."
      columns = [
        { name = "page", type = "string" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "views", type = "bigint" },
      ]
    }
    sessions = {
      description = "One row per closed user session: start, end, events, pages, entry and exit page, bounce."
      columns = [
        { name = "userid", type = "int" },
        { name = "session_start", type = "bigint" },
        { name = "session_end", type = "bigint" },
        { name = "events", type = "bigint" },
        { name = "distinct_pages", type = "int" },
        { name = "entry_page", type = "string" },
        { name = "exit_page", type = "string" },
        { name = "bounce", type = "boolean" },
      ]
    }
    errors_1m = {
      description = "Error responses per HTTP status per one-minute window (final results)."
      columns = [
        { name = "status", type = "int" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "errors", type = "bigint" },
      ]
    }
    segment_activity_1m = {
      description = "Events and distinct users per city and level per one-minute window (final results)."
      columns = [
        { name = "city", type = "string" },
        { name = "level", type = "string" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "events", type = "bigint" },
        { name = "users", type = "bigint" },
      ]
    }
    error_alerts = {
      description = "Error-rate alerts: a status whose errors in a minute reached the threshold."
      columns = [
        { name = "status", type = "int" },
        { name = "window_start", type = "bigint" },
        { name = "window_end", type = "bigint" },
        { name = "errors", type = "bigint" },
        { name = "threshold", type = "bigint" },
      ]
    }
  }

  lake_root = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}"
}

resource "aws_glue_catalog_database" "lake" {
  name        = var.glue_database_name
  description = "Eddy clickstream lake (Parquet, written exactly once by the lake writer)."
}

resource "aws_glue_catalog_table" "lake" {
  for_each = local.lake_tables

  database_name = aws_glue_catalog_database.lake.name
  name          = each.key
  description   = each.value.description
  table_type    = "EXTERNAL_TABLE"

  # Partition projection: Athena computes partitions from dt/hr instead of reading them from the catalog, so new
  # hours are queryable the moment the lake writer publishes a file, with no crawler and no MSCK REPAIR.
  parameters = {
    EXTERNAL                      = "TRUE"
    classification                = "parquet"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "projection.hr.type"          = "integer"
    "projection.hr.range"         = "0,23"
    "projection.hr.digits"        = "2"
    "storage.location.template"   = "${local.lake_root}/${each.key}/dt=$${dt}/hr=$${hr}"
  }

  partition_keys {
    name    = "dt"
    type    = "string"
    comment = "Event date (UTC), yyyy-MM-dd"
  }

  partition_keys {
    name    = "hr"
    type    = "string"
    comment = "Event hour (UTC), 00-23"
  }

  storage_descriptor {
    location      = "${local.lake_root}/${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = each.value.columns
      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}
