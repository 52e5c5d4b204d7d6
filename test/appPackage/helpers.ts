import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export async function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `chat-starter-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export async function readRepoIcon(name: 'color.png' | 'outline.png'): Promise<Buffer> {
  return fs.readFile(path.join(REPO_ROOT, 'appPackage', name));
}
