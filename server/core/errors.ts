// CKAN's error kinds. The HTTP layer turns each into CKAN's envelope and status code.
export type FieldErrors = Record<string, unknown>;

export class ActionError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
  /** the `error` object of the envelope */
  body(): Record<string, unknown> {
    return { __type: this.type, message: this.message };
  }
}

export class ValidationError extends ActionError {
  constructor(readonly fields: FieldErrors, status = 409) {
    super(status, 'Validation Error', JSON.stringify(fields));
  }
  body() {
    return { __type: this.type, ...this.fields };
  }
}

export class NotFoundError extends ActionError {
  constructor(what?: string) {
    super(404, 'Not Found Error', what ? `Not found: ${what}` : 'Not found');
  }
}

export class AuthorizationError extends ActionError {
  constructor(reason: string) {
    super(403, 'Authorization Error', `Access denied: ${reason}`);
  }
}

export class IntegrityError extends ActionError {
  constructor(message: string) {
    super(400, 'Integrity Error', message);
  }
}

export class SearchQueryError extends ActionError {
  constructor(message: string) {
    super(400, 'Search Query Error', `Search Query is invalid: ${message}`);
  }
}

export class SearchError extends ActionError {
  constructor(message: string) {
    super(409, 'Search Error', `Search error: ${message}`);
  }
}

/** The database (or another backing service) cannot be reached. */
export class ServiceUnavailableError extends ActionError {
  constructor(message: string) {
    super(503, 'Service Unavailable', message);
  }
}

/** CKAN answers some transport errors with a bare JSON string instead of an envelope. */
export class BadRequest extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}
