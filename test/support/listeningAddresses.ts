import { readFileSync } from 'node:fs';

/**
 * The local addresses on which something listens on `port`, read from /proc/net/tcp{,6} (Linux):
 * e.g. `['127.0.0.1']`, or `['0.0.0.0']` / `['::']` for every interface.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 table on this kernel
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== '0A') continue; // 0A = LISTEN
      const [addressHex, portHex] = fields[1]!.split(':') as [string, string];
      if (parseInt(portHex, 16) !== port) continue;
      found.push(v6 ? ipv6(addressHex) : ipv4(addressHex));
    }
  }
  return found;
}

function ipv4(hex: string): string {
  // Little-endian on x86: the bytes of 127.0.0.1 appear as 0100007F.
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex;
}
