// What went wrong with an outbound request, in words a publisher can act on. `kind` lets callers
// tell a refusal or a bad link (the user's to fix) from the rest without reading the message.
export type FetchErrorKind = 'refused' | 'timeout' | 'too-large' | 'redirects' | 'http' | 'network' | 'bad-url';

export class FetchError extends Error {
  constructor(readonly kind: FetchErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'FetchError';
  }
}

/** A duration as people say it: 30 s, 0.2 s. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** A size as people say it: 200 MiB, 1.5 KiB, 300 bytes. */
export function mebibytes(bytes: number): string {
  if (bytes >= 1048576) return `${Number((bytes / 1048576).toFixed(2))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(2))} KiB`;
  return `${bytes} bytes`;
}
