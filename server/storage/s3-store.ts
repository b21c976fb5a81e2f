// Files in S3-compatible storage (AWS, MinIO). Uploads stream as multipart uploads, hashed and
// counted on the way; an object exists only once the upload completes, and a failed or refused
// upload is aborted so nothing remains.
import type { Readable } from 'node:stream';
import {
  S3Client, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand, HeadBucketCommand, CreateBucketCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UploadTooLargeError, byteMeter, type BlobObject, type BlobRange, type BlobStore, type PutResult } from './blob-store.js';

export interface S3Options {
  endpoint?: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  prefix?: string;
}

function isNotFound(err: any): boolean {
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly opts: S3Options) {
    this.client = new S3Client({
      region: opts.region,
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.accessKeyId && opts.secretAccessKey
        ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
        : undefined,
      // Checksums computed by the SDK would need the whole body; we hash as we stream instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(key: string): string {
    return (this.opts.prefix ?? '') + key;
  }

  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.send(new CreateBucketCommand({ Bucket: this.opts.bucket }));
    }
  }

  async put(key: string, body: Readable, opts: { maxBytes?: number; contentType?: string } = {}): Promise<PutResult> {
    const meter = byteMeter(opts.maxBytes);
    let sourceError: unknown = null;
    body.on('error', (err) => {
      sourceError = err;
      meter.stream.destroy(err);
    });
    body.pipe(meter.stream);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.opts.bucket, Key: this.key(key), Body: meter.stream, ContentType: opts.contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    let meterError: unknown = null;
    meter.stream.on('error', (err) => {
      meterError = err;
      void upload.abort().catch(() => {});
    });
    try {
      await upload.done();
    } catch (err) {
      await this.delete(key).catch(() => {});
      if (meterError instanceof UploadTooLargeError && !body.destroyed) body.resume();
      throw meterError ?? sourceError ?? err;
    }
    if (meterError || sourceError) {
      await this.delete(key).catch(() => {});
      throw meterError ?? sourceError;
    }
    return meter.result();
  }

  async get(key: string, range?: BlobRange): Promise<BlobObject | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({
        Bucket: this.opts.bucket,
        Key: this.key(key),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }));
      const total = res.ContentRange ? Number(res.ContentRange.split('/')[1]) : Number(res.ContentLength ?? 0);
      return { stream: res.Body as Readable, size: total };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
      return { size: Number(res.ContentLength ?? 0) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
  }

  async deleteUnder(prefix: string): Promise<void> {
    if (!prefix.endsWith('/')) throw new Error(`Invalid blob folder ${prefix}`);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({
        Bucket: this.opts.bucket, Prefix: this.key(prefix), ContinuationToken: token,
      }));
      // One DELETE per object, the call every S3-compatible server has: a resource's folder holds
      // a handful of objects at most.
      for (const obj of page.Contents ?? []) {
        if (obj.Key) await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: obj.Key }));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
