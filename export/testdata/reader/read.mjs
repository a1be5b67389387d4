// Reads a wardcrawl CSV or Parquet export with DuckDB and prints, as JSON,
// the column names and, per row in file order, a few values the Go test
// compares with the database.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const source = file.endsWith('.parquet')
  ? `read_parquet('${file}')`
  : `read_csv('${file}', header = true, all_varchar = true)`;
const urlCount = file.endsWith('.parquet') ? 'len(urls)' : 'json_array_length(urls)';

const con = await (await DuckDBInstance.create(':memory:')).connect();
const cols = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
const rows = await con.runAndReadAll(`SELECT content_hash, title, text,
    CAST(${urlCount} AS VARCHAR) AS url_count,
    coalesce(strftime(CAST(published_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'), '') AS published_utc
  FROM ${source}`);
console.log(JSON.stringify({
  columns: cols.getRowObjectsJson().map((r) => r.column_name),
  rows: rows.getRowObjectsJson(),
}));
