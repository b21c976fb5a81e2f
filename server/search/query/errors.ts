// The one error the query language raises: bad syntax, or a value its field cannot take (an
// invalid date, a non-number for num_resources). package_search answers it with 409.
export class QuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}
