import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { EdgeConfig } from '../config/appConfig';

/** Why a body was refused: the status to answer and a stable code for the log and the response. */
export interface BodyRejection {
  readonly ok: false;
  readonly status: 400 | 408 | 413 | 415;
  readonly code: string;
}

export type BodyReadResult = { readonly ok: true; readonly value: unknown } | BodyRejection;

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

const reject = (status: BodyRejection['status'], code: string): BodyRejection => ({ ok: false, status, code });

/**
 * Reads a JSON request body without ever throwing or waiting forever: the content type and
 * encoding are checked before a byte is read; the size is measured after decompression, with a
 * cap on how much each compressed byte may inflate (a bomb stops after a few kilobytes); a body
 * that stops arriving is cut off. Every problem is a `BodyRejection`, never an exception, because
 * an error event on a decompression stream that nobody listens to ends the process.
 */
export function readJsonBody(req: IncomingMessage, limits: EdgeConfig): Promise<BodyReadResult> {
  const contentTypeProblem = checkContentType(req.headers['content-type']);
  if (contentTypeProblem) return Promise.resolve(contentTypeProblem);
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = encoding === 'identity' || encoding === '' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && encoding !== '' && !decoder) return Promise.resolve(reject(415, 'UnsupportedContentEncoding'));
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limits.maxBodyBytes) return Promise.resolve(reject(413, 'BodyTooLarge'));

  return new Promise<BodyReadResult>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const stream = decoder?.();

    const finish = (result: BodyReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onRawData);
      if (stream) {
        req.unpipe(stream);
        stream.off('data', onDecodedData);
        // Errors after this point have nobody to tell; they must still have a listener.
        stream.on('error', () => undefined);
        stream.destroy();
      }
      resolve(result);
    };
    const onRawData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limits.maxBodyBytes) finish(reject(413, 'BodyTooLarge'));
    };
    const onDecodedData = (chunk: Buffer): void => {
      decoded += chunk.length;
      if (decoded > limits.maxBodyBytes) return finish(reject(413, 'BodyTooLarge'));
      // `received` only grows ahead of what the decoder has consumed, so this never overstates the ratio.
      if (decoded > limits.maxInflationRatio * Math.max(received, 1)) return finish(reject(413, 'InflationRatioExceeded'));
      chunks.push(chunk);
    };
    const timer = setTimeout(() => finish(reject(408, 'BodyReadTimeout')), limits.bodyReadTimeoutMs);

    req.on('data', onRawData);
    req.on('error', () => finish(reject(400, 'RequestAborted')));
    req.on('aborted', () => finish(reject(400, 'RequestAborted')));
    if (stream) {
      stream.on('data', onDecodedData);
      stream.on('error', () => finish(reject(400, 'BadContentEncoding')));
      stream.on('end', () => finish(parseJson(Buffer.concat(chunks))));
      req.pipe(stream);
    } else {
      req.on('data', (chunk: Buffer) => {
        if (!settled) chunks.push(chunk);
      });
      req.on('end', () => finish(parseJson(Buffer.concat(chunks))));
    }
  });
}

/** `application/json` (or a `+json` type), UTF-8 if a charset is named. */
function checkContentType(header: string | undefined): BodyRejection | undefined {
  if (header === undefined) return reject(415, 'UnsupportedContentType');
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) return reject(415, 'UnsupportedContentType');
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return reject(415, 'UnsupportedCharset');
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function parseJson(bytes: Buffer): BodyReadResult {
  if (bytes.length === 0) return reject(400, 'EmptyBody');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return reject(400, 'InvalidUtf8');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return reject(400, 'InvalidJson');
  }
}
