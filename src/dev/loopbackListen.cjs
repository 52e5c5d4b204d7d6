// Preloaded (`node --require`) into Microsoft 365 Agents Playground, which has no option for the
// address it listens on and otherwise listens on every interface, relaying to a bot that runs
// without authentication. This keeps every server in that process on the loopback interface.
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function loopbackListen(...args) {
  const first = args[0];
  if (typeof first === 'function' || first === undefined) {
    args.splice(0, first === undefined ? 1 : 0, 0, LOOPBACK);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (typeof first === 'object' && first !== null && first.path === undefined && first.fd === undefined && first.handle === undefined && first._handle === undefined) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
