// An action's result that is already JSON text, as the database stored it (package_show's stored
// dict). The HTTP layer splices the text into CKAN's envelope as it is, so the hottest read never
// parses a dict only to serialize it again; every other caller (kho.call, actions calling actions,
// wrappers) is given the parsed object by the registry and never sees this type.
export class RawJson {
  constructor(readonly text: string) {}

  parse(): unknown {
    return JSON.parse(this.text);
  }
}

/** The value itself: RawJson parsed, anything else as it is. */
export function parsedResult(value: unknown): unknown {
  return value instanceof RawJson ? value.parse() : value;
}
