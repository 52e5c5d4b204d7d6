import type { TokenCredential } from '@azure/identity';
import { Logger } from '../logging/createLogger';

/**
 * Ready once the app has obtained a Graph token: a wrong secret or tenant shows up in
 * `/healthz` (and the log) at start, not at a user's first request. Retries with backoff.
 */
export class GraphReadiness {
  ready = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly credential: TokenCredential, private readonly scope: string, private readonly logger: Logger) {}

  start(attempt = 0): void {
    if (this.stopped) return;
    this.credential.getToken(this.scope).then(
      () => {
        this.ready = true;
        this.logger.info('graph token obtained; ready');
      },
      (error: unknown) => {
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        this.logger.error({ err: error, retryInMs: delay }, 'could not obtain a Graph token; check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate');
        if (!this.stopped) this.timer = setTimeout(() => this.start(attempt + 1), delay);
      },
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
