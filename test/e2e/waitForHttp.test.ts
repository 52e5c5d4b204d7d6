import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWaitTimeoutError, waitForHttp } from '../../src/dev/waitForHttp';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('waitForHttp', () => {
  it('keeps polling through non-2xx answers and resolves on the first 2xx', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.statusCode = requests < 3 ? 503 : 200;
      res.end();
    });
    const port = await listen(server);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 5000, intervalMs: 10 });
      expect(requests).toBe(3);
    } finally {
      await close(server);
    }
  });

  it('gives up with the last problem when nothing listens', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server);

    // Long enough for several attempts even on a loaded machine; the last one may be cut short.
    const waiting = waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 1_500, intervalMs: 20 });

    await expect(waiting).rejects.toBeInstanceOf(HttpWaitTimeoutError);
    await expect(waiting).rejects.toMatchObject({ code: 'HttpWaitTimeout', lastProblem: expect.stringContaining('ECONNREFUSED') });
  });

  it('stops when its abort signal fires', async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const port = await listen(server);
    const controller = new AbortController();
    try {
      const waiting = waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 60000, intervalMs: 10, abortSignal: controller.signal });
      controller.abort(new Error('gave up on purpose'));
      await expect(waiting).rejects.toThrow('gave up on purpose');
    } finally {
      await close(server);
    }
  });
});
