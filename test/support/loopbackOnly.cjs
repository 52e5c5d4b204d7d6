/**
 * A preload (`NODE_OPTIONS=-r …/loopbackOnly.cjs`) that keeps a process on this machine: a
 * connection (net and tls, so node:http, fetch/undici and every SDK) to anything but 127.0.0.1 or
 * ::1 (the cloud's instance metadata address 169.254.169.254 included) is refused before a packet
 * leaves, and so is a DNS look-up of any other name; `localhost` (the sandbox tenant's name) only
 * as far as its look-up answers loopback addresses. Each refusal prints one JSON line on stdout
 * (`"connection beyond loopback refused"`), so a test can fail on it. With `LOOPBACK_ONLY_RECORD`
 * set, every connection and look-up, allowed or not, is also appended to that file (one JSON line
 * each), so a test can check both that nothing left and that the guard was there to see.
 */
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const recordFile = process.env.LOOPBACK_ONLY_RECORD;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Names whose look-up is checked to give loopback addresses only. */
const LOOPBACK_NAMES = new Set(['localhost']);

function record(entry) {
  if (!entry.allowed) process.stdout.write(`${JSON.stringify({ msg: 'connection beyond loopback refused', host: String(entry.host), port: entry.port, kind: entry.kind })}\n`);
  if (recordFile) fs.appendFileSync(recordFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

/** net.Socket#connect's argument forms: (options[, cb]), (port[, host][, cb]), (path[, cb]). */
function destinationOf(args) {
  let first = args[0];
  // net.connect/tls.connect hand the normalized [options, cb] array as the first argument.
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === 'object') {
    if (typeof first.path === 'string') return { path: first.path };
    return { host: first.host ?? 'localhost', port: first.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const destination = destinationOf(args);
  // A Unix socket or named pipe never leaves the machine.
  const host = String(destination.host);
  const allowed = destination.path !== undefined || LOOPBACK.has(host) || LOOPBACK_NAMES.has(host.toLowerCase());
  record({ kind: 'connect', ...destination, allowed });
  if (!allowed) {
    process.nextTick(() => this.destroy(new Error(`loopbackOnly: connection to ${destination.host}:${destination.port} refused in tests`)));
    return this;
  }
  return originalConnect.apply(this, args);
};

// A look-up is a packet to a resolver: names other than loopback ones are refused too.
const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, ...rest) {
  const allowed = LOOPBACK.has(String(hostname)) || LOOPBACK_NAMES.has(String(hostname).toLowerCase());
  const callback = rest.find((arg) => typeof arg === 'function');
  const refuse = (what) => {
    const error = Object.assign(new Error(`loopbackOnly: ${what} refused in tests`), { code: 'ENOTFOUND' });
    if (callback) process.nextTick(() => callback(error));
  };
  if (!allowed) {
    record({ kind: 'lookup', host: hostname, allowed: false });
    refuse(`look-up of ${hostname}`);
    return {};
  }
  // The answer must be loopback too: a name that resolved elsewhere is refused like an address.
  const args = rest.map((arg) =>
    arg !== callback
      ? arg
      : (error, address, family) => {
          const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : address === undefined ? [] : [address];
          const loopbackOnly = addresses.every((entry) => LOOPBACK.has(entry));
          record({ kind: 'lookup', host: hostname, addresses, allowed: loopbackOnly });
          if (!error && !loopbackOnly) return refuse(`${hostname} resolving to ${addresses.join(', ')}`);
          callback(error, address, family);
        },
  );
  return originalLookup.call(this, hostname, ...args);
};
for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = function resolve(hostname, ...rest) {
    record({ kind: 'resolve', host: hostname, allowed: false });
    const callback = rest.find((arg) => typeof arg === 'function');
    if (callback) process.nextTick(() => callback(Object.assign(new Error(`loopbackOnly: ${name} ${hostname} refused in tests`), { code: 'ENOTFOUND' })));
  };
}
process.stdout.write(`${JSON.stringify({ msg: 'loopback only' })}\n`);
