import { ConfigError } from '../errors/configError';

/** A variable's value as a URL, or a `ConfigError` naming the variable. */
export function readUrl(variable: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(variable, `is not a URL: "${value}"`);
  }
}

/** localhost or a loopback address; an IPv6 one with or without brackets (a URL's hostname keeps them). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
