import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { scrubAttributes, scrubSpanName } from './scrub';

/**
 * Hands spans on with their URLs, names, event attributes and status messages scrubbed
 * (src/telemetry/scrub.ts): the HTTP instrumentations record what they see, and this is the one
 * door every span leaves by, whichever backend receives it.
 */
export class ScrubbingSpanExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.next.export(spans.map(scrubSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}

/** A view of the span with scrubbed fields; everything else is read through to the original. */
function scrubSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    name: { value: scrubSpanName(span.name), enumerable: true },
    attributes: { value: scrubAttributes(span.attributes), enumerable: true },
    events: { value: span.events.map((event) => ({ ...event, ...(event.attributes ? { attributes: scrubAttributes(event.attributes) } : {}) })), enumerable: true },
    status: { value: { code: span.status.code }, enumerable: true },
  }) as ReadableSpan;
}
