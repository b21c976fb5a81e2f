// What datastore_search_sql may name, as the parser resolves names (unquoted names folded to
// lower case; SQL syntax such as EXTRACT, SUBSTRING … FROM, TRIM, OVERLAY, POSITION and AT TIME
// ZONE arrives as the pg_catalog function it stands for).

// Functions: pure computations over the values read (aggregates, arithmetic, text, dates, JSON,
// arrays, windows). Nothing that reads files, settings, other sessions or the catalog, runs SQL
// given as text (query_to_xml, ts_stat), sleeps, or has side effects.
export const ALLOWED_FUNCTIONS = new Set([
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp',
  'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg',
  'jsonb_object_agg', 'percentile_cont', 'percentile_disc', 'mode', 'corr', 'covar_pop', 'covar_samp',
  'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count', 'bit_and', 'bit_or',
  // window functions
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value',
  'last_value', 'nth_value',
  // numbers
  'abs', 'cbrt', 'ceil', 'ceiling', 'degrees', 'div', 'exp', 'floor', 'ln', 'log', 'log10', 'mod', 'pi', 'power',
  'radians', 'round', 'sign', 'sqrt', 'trunc', 'width_bucket', 'acos', 'asin', 'atan', 'atan2', 'cos', 'cot', 'sin',
  'tan', 'gcd', 'lcm', 'scale', 'random',
  // what SQL syntax becomes
  'extract', 'overlay', 'position', 'substring', 'is_normalized', 'similar_to_escape',
  // text
  'ascii', 'bit_length', 'btrim', 'char_length', 'character_length', 'chr', 'concat', 'concat_ws', 'format',
  'initcap', 'left', 'length', 'lower', 'lpad', 'ltrim', 'md5', 'octet_length', 'regexp_match', 'regexp_matches',
  'regexp_replace', 'regexp_split_to_array', 'regexp_split_to_table', 'replace', 'reverse', 'right', 'rpad',
  'rtrim', 'split_part', 'starts_with', 'strpos', 'substr', 'to_ascii', 'to_hex', 'translate', 'upper', 'unaccent',
  'normalize', 'quote_literal', 'quote_nullable', 'string_to_array', 'array_to_string', 'sha256',
  // dates and times
  'age', 'date_part', 'date_trunc', 'date_bin', 'extract', 'isfinite', 'justify_days', 'justify_hours',
  'justify_interval', 'make_date', 'make_interval', 'make_time', 'make_timestamp', 'make_timestamptz', 'now',
  'current_date', 'to_char', 'to_date', 'to_number', 'to_timestamp', 'timezone', 'generate_series',
  // JSON
  'to_json', 'to_jsonb', 'json_build_array', 'json_build_object', 'jsonb_build_array', 'jsonb_build_object',
  'json_array_length', 'jsonb_array_length', 'json_each', 'jsonb_each', 'json_each_text', 'jsonb_each_text',
  'json_extract_path', 'jsonb_extract_path', 'json_extract_path_text', 'jsonb_extract_path_text',
  'json_object_keys', 'jsonb_object_keys', 'json_array_elements', 'jsonb_array_elements',
  'json_array_elements_text', 'jsonb_array_elements_text', 'json_typeof', 'jsonb_typeof', 'jsonb_pretty',
  'row_to_json', 'array_to_json', 'jsonb_path_query', 'jsonb_path_exists',
  // arrays
  'array_length', 'array_lower', 'array_upper', 'array_position', 'array_positions', 'array_remove',
  'array_replace', 'array_append', 'array_prepend', 'array_cat', 'cardinality', 'unnest',
  // full text
  'to_tsvector', 'to_tsquery', 'plainto_tsquery', 'phraseto_tsquery', 'websearch_to_tsquery', 'ts_rank',
  'ts_rank_cd', 'ts_headline',
]);

/** Types a value may be cast to: plain data types (reg* types would look names up in the catalog). */
export const ALLOWED_TYPES = new Set([
  'int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'text', 'varchar', 'bpchar', 'bool', 'date', 'time',
  'timetz', 'timestamp', 'timestamptz', 'interval', 'json', 'jsonb', 'uuid', 'tsvector', 'tsquery', 'regconfig',
  'bit', 'varbit', 'bytea', 'inet', 'cidr', 'point', 'int', 'integer', 'smallint', 'bigint', 'real', 'boolean',
  'decimal', 'char', 'character', 'float',
]);

/** CURRENT_DATE and friends; the ones naming users, roles, the database or schema are not here. */
export const ALLOWED_VALUE_FUNCTIONS = new Set([
  'SVFOP_CURRENT_DATE', 'SVFOP_CURRENT_TIME', 'SVFOP_CURRENT_TIME_N', 'SVFOP_CURRENT_TIMESTAMP',
  'SVFOP_CURRENT_TIMESTAMP_N', 'SVFOP_LOCALTIME', 'SVFOP_LOCALTIME_N', 'SVFOP_LOCALTIMESTAMP', 'SVFOP_LOCALTIMESTAMP_N',
]);

export const TABLESAMPLE_METHODS = new Set(['bernoulli', 'system']);
