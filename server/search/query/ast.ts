// The parsed form of package_search's q/fq (a Solr/Lucene subset). Both search backends
// translate this tree; neither reads query text itself.

/** field null = the default field (`text`, the catch-all). */
export type QueryNode =
  | { kind: 'all' }
  | { kind: 'term'; field: string | null; value: string; phrase: boolean }
  | { kind: 'prefix'; field: string | null; value: string }
  | { kind: 'exists'; field: string }
  | { kind: 'range'; field: string; lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };
