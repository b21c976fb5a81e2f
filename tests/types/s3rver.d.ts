// s3rver ships no types; the tests use only this much of it.
declare module 's3rver' {
  interface S3rverOptions { port?: number; address?: string; silent?: boolean; directory: string }
  export default class S3rver {
    constructor(opts: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
