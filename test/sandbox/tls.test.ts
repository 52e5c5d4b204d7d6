import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ensureSandboxCa, startSandbox } from '../../src/sandbox';

describe('sandbox TLS and start-up', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-state-'));
  });
  afterAll(async () => {
    await fs.rm(stateDir, { recursive: true, force: true });
  });

  it('creates the CA once and reuses it', async () => {
    const first = await ensureSandboxCa(stateDir);
    const pem = await fs.readFile(first.caCertPath, 'utf8');
    const second = await ensureSandboxCa(stateDir);
    expect(second.caCertPath).toBe(first.caCertPath);
    expect(await fs.readFile(second.caCertPath, 'utf8')).toBe(pem);
    expect(new X509Certificate(pem).ca).toBe(true);
  });

  it('listens on 127.0.0.1 only, with a fresh leaf for localhost and 127.0.0.1 signed by the CA; start-up is measured', async () => {
    await ensureSandboxCa(stateDir);
    const started = process.hrtime.bigint();
    const sandbox = await startSandbox({ stateDir });
    console.log(`sandbox start-up (CA already present): ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
    try {
      expect(sandbox.origin).toMatch(/^https:\/\/localhost:\d+$/);
      const port = Number(new URL(sandbox.origin).port);
      const ca = await fs.readFile(sandbox.caCertPath, 'utf8');
      const peer = await new Promise<tls.PeerCertificate & { raw: Buffer }>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca }, () => {
          const cert = socket.getPeerCertificate();
          expect(socket.remoteAddress).toBe('127.0.0.1');
          socket.end();
          resolve(cert);
        });
        socket.on('error', reject);
      });
      const leaf = new X509Certificate(peer.raw);
      expect(leaf.subjectAltName).toContain('DNS:localhost');
      expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
      expect(leaf.verify(new X509Certificate(ca).publicKey)).toBe(true);
      expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    } finally {
      await sandbox.close();
    }
  });

  it('is not reachable on another local interface', async () => {
    const sandbox = await startSandbox({ stateDir });
    try {
      const port = Number(new URL(sandbox.origin).port);
      const other = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
      const target = other?.address ?? '::1';
      const outcome = await new Promise<string>((resolve) => {
        const socket = tls.connect({ host: target, port, rejectUnauthorized: false }, () => {
          socket.end();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome).not.toBe('connected');
    } finally {
      await sandbox.close();
    }
  });
});
