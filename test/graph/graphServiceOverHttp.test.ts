import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { GraphService } from '../../src/graph/graphService';
import { AmbiguousCreateError } from '../../src/errors';

/**
 * The real Graph SDK over real HTTP against a server that misbehaves after answering, to check
 * how GraphService reads what the SDK throws (no token: this server does not ask for one).
 */
describe('GraphService over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  const stalled: ServerResponse[] = [];
  let posts = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts += 1;
        // 201 and the start of the body, then silence: Graph did the work, the answer never completes.
        res.writeHead(201, { 'content-type': 'application/json' });
        res.write('{"id":"19:abc@thread.v2",');
        stalled.push(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    for (const res of stalled) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports a group chat whose 201 body never arrives as ambiguous, and posts it once', async () => {
    const client = Client.initWithMiddleware({ middleware: new HTTPMessageHandler(), baseUrl, defaultVersion: 'v1.0' });
    const graph = new GraphService({ client, logger: pino({ level: 'silent' }), requestTimeoutMs: 300, sleep: async () => undefined });
    await expect(graph.createChat({ chatType: 'group', topic: 'T', members: [] })).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(posts).toBe(1);
  });
});
