import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PRELOAD = path.resolve(__dirname, '..', 'support', 'loopbackOnly.cjs');

/** The guard the telemetry tests rely on: it must see, and stop, what would leave the machine. */
describe('the loopback-only preload', () => {
  it('refuses and records connections beyond loopback (169.254.169.254, a Microsoft host by name, fetch), and lets loopback through', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'loopback-only-'));
    const record = path.join(work, 'record.jsonl');
    try {
      const script = `
        const net = require('node:net');
        const tries = [
          new Promise((done) => net.connect(80, '169.254.169.254').on('error', (e) => done('imds: ' + e.message))),
          fetch('https://dc.services.visualstudio.com/v2.1/track', { method: 'POST' }).then(() => 'sent!', (e) => 'fetch: ' + (e.cause?.message ?? e.message)),
          new Promise((done) => net.connect(9, '127.0.0.1').on('error', (e) => done('loopback: ' + e.code))),
        ];
        Promise.all(tries).then((lines) => console.log(lines.join('\\n')));`;
      const run = spawnSync(process.execPath, ['-r', PRELOAD, '-e', script], { env: { PATH: process.env.PATH ?? '', LOOPBACK_ONLY_RECORD: record }, encoding: 'utf8', timeout: 20_000 });
      expect(run.stdout).toContain('imds: loopbackOnly: connection to 169.254.169.254:80 refused in tests');
      expect(run.stdout).toContain('fetch: loopbackOnly: connection to dc.services.visualstudio.com:443 refused in tests');
      // Loopback went through to the (closed) port: refused by the OS, not by the guard.
      expect(run.stdout).toContain('loopback: ECONNREFUSED');
      const lines = readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { host: string; allowed: boolean });
      expect(lines.filter((line) => !line.allowed).map((line) => line.host).sort()).toEqual(['169.254.169.254', 'dc.services.visualstudio.com']);
      expect(lines.some((line) => line.host === '127.0.0.1' && line.allowed)).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
