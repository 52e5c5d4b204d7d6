import { generateKeyPair as generateKeyPairCallback, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPair = promisify(generateKeyPairCallback);

/**
 * The sandbox's private CA. `NODE_EXTRA_CA_CERTS` is read once at process start, so the CA must be
 * stable across runs: it is created once in the state directory and reused. The leaf key is made
 * once too (RSA key generation costs ~250 ms here); only the leaf *certificate* is fresh per start.
 */
export interface CaMaterial {
  caCertPath: string;
  caCertPem: string;
  caKeyPem: string;
  leafKeyPem: string;
}

export interface LeafCertificate {
  certPem: string;
  keyPem: string;
}

const CA_CERT = 'ca.pem';
const CA_KEY = 'ca.key';
const LEAF_KEY = 'leaf.key';
const LOCK_DIR = 'ca.lock';
const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 50;

/** Creates the CA once (key + cert in stateDir, reused later) and returns what a server needs. */
export async function loadOrCreateCa(stateDir: string): Promise<CaMaterial> {
  const existing = await readCa(stateDir);
  if (existing) return existing;
  await fs.mkdir(stateDir, { recursive: true });
  // Jest workers may race to create it; a directory is an atomic lock.
  const lock = path.join(stateDir, LOCK_DIR);
  if (await tryLock(lock)) {
    try {
      const again = await readCa(stateDir);
      if (again) return again;
      return await createCa(stateDir);
    } finally {
      await fs.rm(lock, { recursive: true, force: true });
    }
  }
  return waitForCa(stateDir, lock);
}

async function tryLock(lock: string): Promise<boolean> {
  try {
    await fs.mkdir(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function waitForCa(stateDir: string, lock: string): Promise<CaMaterial> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    const ca = await readCa(stateDir);
    if (ca) return ca;
  }
  throw new Error(`Timed out waiting for the sandbox CA in ${stateDir}; remove ${lock} if a crashed process left it.`);
}

async function readCa(stateDir: string): Promise<CaMaterial | undefined> {
  const caCertPath = path.join(stateDir, CA_CERT);
  try {
    const [caCertPem, caKeyPem, leafKeyPem] = await Promise.all([
      fs.readFile(caCertPath, 'utf8'),
      fs.readFile(path.join(stateDir, CA_KEY), 'utf8'),
      fs.readFile(path.join(stateDir, LEAF_KEY), 'utf8'),
    ]);
    return { caCertPath, caCertPem, caKeyPem, leafKeyPem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function newRsaKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

function serialNumber(): string {
  // Positive (high bit clear) 16-byte serial, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

async function createCa(stateDir: string): Promise<CaMaterial> {
  const [caKeyPem, leafKeyPem] = await Promise.all([newRsaKeyPem(), newRsaKeyPem()]);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(caKey.n, caKey.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: 'Chat Starter Sandbox Tenant CA' },
    { name: 'organizationName', value: 'Chat Starter (local only)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const caCertPem = forge.pki.certificateToPem(cert);
  const caCertPath = path.join(stateDir, CA_CERT);
  // Keys first: readCa() treats the certificate as the "complete" marker only together with them.
  await fs.writeFile(path.join(stateDir, CA_KEY), caKeyPem, { mode: 0o600 });
  await fs.writeFile(path.join(stateDir, LEAF_KEY), leafKeyPem, { mode: 0o600 });
  const tmp = `${caCertPath}.${process.pid}.tmp`;
  await fs.writeFile(tmp, caCertPem);
  await fs.rename(tmp, caCertPath);
  return { caCertPath, caCertPem, caKeyPem, leafKeyPem };
}

/** A fresh leaf certificate for `localhost` and `127.0.0.1`, signed by the CA. */
export function issueLeafCertificate(ca: CaMaterial): LeafCertificate {
  const caKey = forge.pki.privateKeyFromPem(ca.caKeyPem);
  const caCert = forge.pki.certificateFromPem(ca.caCertPem);
  const leafKey = forge.pki.privateKeyFromPem(ca.leafKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(leafKey.n, leafKey.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: ca.leafKeyPem };
}
