import { DirectoryGroup } from './directoryGroup';
import { groupNameForms } from './groupRequests';

/** The groups a typed address stands for: by mail, or by an alias (`smtp:` in proxyAddresses). */
export function groupsByAddress(address: string, groups: readonly DirectoryGroup[]): DirectoryGroup[] {
  const wanted = address.toLowerCase();
  return unique(groups.filter((group) => group.mail?.toLowerCase() === wanted || group.proxyAddresses.some((alias) => alias.toLowerCase() === `smtp:${wanted}`)));
}

/** The groups a typed name stands for: a whole display name, any case, as typed or without "the … team". */
export function groupsByName(name: string, groups: readonly DirectoryGroup[]): DirectoryGroup[] {
  const forms = new Set(groupNameForms(name).map((form) => form.toLocaleLowerCase()));
  return unique(groups.filter((group) => forms.has(group.displayName.toLocaleLowerCase())));
}

function unique(groups: readonly DirectoryGroup[]): DirectoryGroup[] {
  const seen = new Set<string>();
  return groups.filter((group) => (seen.has(group.id) ? false : (seen.add(group.id), true)));
}
