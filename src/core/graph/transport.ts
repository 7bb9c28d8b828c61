// One HTTPS exchange on node:https: a keep-alive agent per client, trusting either the system's
// roots or exactly the CA it was given (the demo tenant's, for that host only). It reports
// whether the request could have reached the server, because that decides whether a write may
// be sent again after the connection fails (see graph-client.ts).
import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface TransportRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** A connection of its own, closed afterwards: an ambiguous failure then means only this request. */
  readonly freshConnection?: boolean;
}

export interface TransportResponse {
  readonly status: number;
  /** Lower-case names; repeated values joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as it came (decompressed), for a reader that decodes it elsewhere (raw-page.ts). */
  readonly bytes: Buffer;
  /** The body as UTF-8 text, decoded when first asked for. */
  readonly text: string;
}

/** A response whose text is decoded only if someone reads it: a page handed on as bytes never is. */
export function transportResponse(status: number, headers: Readonly<Record<string, string>>, bytes: Buffer): TransportResponse {
  let text: string | undefined;
  return {
    status,
    headers,
    bytes,
    get text(): string {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

/**
 * The exchange failed without a complete response. `sent` is false only when the request
 * provably did not reach the server whole (the connection failed before the last byte was
 * handed to the OS), so the server cannot have acted on it.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: string;
  readonly sent: boolean;
  readonly kind: 'network' | 'timeout' | 'aborted' | 'certificate' | 'tooLarge' | 'badEncoding';
  constructor(message: string, code: string, sent: boolean, kind: TransportError['kind']) {
    super(message);
    this.code = code;
    this.sent = sent;
    this.kind = kind;
  }
}

export interface TransportOptions {
  readonly caCertificatePem?: string;
  /** Sockets kept per host; the client's own concurrency limit is usually lower. */
  readonly maxSockets?: number;
  /** A request fails when no byte moves for this long. */
  readonly idleTimeoutMs?: number;
  /** Bodies larger than this are refused (a page of 1000 devices is a few MB). */
  readonly maxBodyBytes?: number;
}

const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

export class HttpsTransport {
  private readonly keepAlive: Agent;
  private readonly oneShot: Agent;
  private readonly idleTimeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(options: TransportOptions = {}) {
    const ca = options.caCertificatePem === undefined ? {} : { ca: options.caCertificatePem };
    this.keepAlive = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 32, scheduling: 'lifo', ...ca });
    this.oneShot = new Agent({ keepAlive: false, ...ca });
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024 * 1024;
  }

  send(req: TransportRequest): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      let sent = false;
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        reject(toTransportError(error, sent, req.signal));
      };
      const headers: Record<string, string | number> = { ...req.headers, 'accept-encoding': 'gzip, deflate' };
      if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
      const outgoing = request(
        req.url,
        { method: req.method, headers, agent: req.freshConnection ? this.oneShot : this.keepAlive, ...(req.signal ? { signal: req.signal } : {}) },
        (res) => {
          const status = res.statusCode ?? 0;
          const flat = flatten(res.headers);
          readBody(decoded(res, flat['content-encoding'], fail), this.maxBodyBytes)
            .then((bytes) => {
              if (settled) return;
              settled = true;
              resolve(transportResponse(status, flat, bytes));
            })
            .catch(fail);
        },
      );
      // Fired once the whole request was handed to the socket: from here on the server may have it.
      outgoing.on('finish', () => {
        sent = true;
      });
      outgoing.setTimeout(this.idleTimeoutMs, () => {
        outgoing.destroy(Object.assign(new Error(`No data moved for ${this.idleTimeoutMs} ms.`), { code: 'ETIMEDOUT' }));
      });
      outgoing.on('error', fail);
      outgoing.end(req.body);
    });
  }

  /** Closes every connection (requests still in flight fail); for when the tenant profile closes. */
  close(): void {
    this.keepAlive.destroy();
    this.oneShot.destroy();
  }
}

function decoded(res: Readable, encoding: string | undefined, fail: (error: unknown) => void): Readable {
  const name = encoding?.trim().toLowerCase();
  if (name !== 'gzip' && name !== 'deflate') return res;
  const inflater = name === 'gzip' ? createGunzip() : createInflate();
  inflater.on('error', () => fail(new TransportError('The response could not be decompressed.', 'EBADENCODING', true, 'badEncoding')));
  res.on('error', fail);
  return res.pipe(inflater);
}

function readBody(stream: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        stream.destroy(new TransportError(`The response is larger than ${maxBytes} bytes.`, 'ETOOLARGE', true, 'tooLarge'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function toTransportError(error: unknown, sent: boolean, signal: AbortSignal | undefined): TransportError {
  if (error instanceof TransportError) return error;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'EUNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  if (signal?.aborted || code === 'ABORT_ERR') return new TransportError('The request was cancelled.', 'ABORT_ERR', sent, 'aborted');
  if (CERTIFICATE_CODES.has(code)) return new TransportError(message, code, sent, 'certificate');
  if (code === 'ETIMEDOUT') return new TransportError(message, code, sent, 'timeout');
  return new TransportError(message, code, sent, 'network');
}
