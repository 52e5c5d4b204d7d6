/**
 * A preload (`NODE_OPTIONS=-r …/loopbackOnly.cjs`) that keeps a process on this machine: a TCP
 * connection to anything but 127.0.0.1, ::1 or localhost (the cloud's instance metadata address
 * 169.254.169.254 included) is refused before a packet leaves, and one JSON line names it, so a
 * test can fail on it. Everything else about the process is unchanged.
 */
const net = require('node:net');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const originalConnect = net.Socket.prototype.connect;

function target(args) {
  const first = args[0];
  if (Array.isArray(first)) return target(first);
  // An IPC socket names a path and no port (an HTTP request's options carry its URL path too).
  if (first && typeof first === 'object') return first.port === undefined && typeof first.path === 'string' ? { path: first.path } : { host: first.host ?? 'localhost', port: first.port };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const to = target(args);
  if (to.path === undefined && !LOOPBACK.has(String(to.host))) {
    process.stdout.write(`${JSON.stringify({ msg: 'connection beyond loopback refused', host: String(to.host), port: to.port })}\n`);
    process.nextTick(() => this.destroy(new Error(`loopbackOnly: ${to.host}:${to.port} is beyond loopback`)));
    return this;
  }
  return originalConnect.apply(this, args);
};
process.stdout.write(`${JSON.stringify({ msg: 'loopback only' })}\n`);
