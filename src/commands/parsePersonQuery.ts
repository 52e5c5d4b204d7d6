import { ObjectIdFormat, isObjectId, objectIdPattern } from '../entra/objectId';
import { PersonQuery } from '../directory/personQuery';

const FEDERATED: Record<ObjectIdFormat, RegExp> = {
  guid: federatedPattern('guid'),
  sample: federatedPattern('sample'),
};
// Deliberately loose: the directory decides whether an address exists; this only tells an
// address from a name. UPNs of guests contain '#EXT#', which is allowed here.
const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** Classifies one piece of the people list the user typed (not a mention). */
export function parsePersonQuery(piece: string, objectIds: ObjectIdFormat = 'guid'): PersonQuery | undefined {
  const text = stripDecoration(piece);
  if (text === '') return undefined;
  const federated = FEDERATED[objectIds].exec(text);
  if (federated) return { kind: 'federated', id: federated[1]!.toLowerCase(), tenantId: federated[2]!.toLowerCase(), text };
  if (isObjectId(text, objectIds)) return { kind: 'objectId', id: text.toLowerCase(), text };
  const address = text.replace(/^mailto:/i, '');
  if (ADDRESS.test(address)) return { kind: 'address', address, text };
  return { kind: 'name', name: text, text };
}

/** Removes what people wrap names and addresses in: quotes, `<…>`, a trailing full stop. */
function stripDecoration(piece: string): string {
  let text = piece.trim().replace(/[.!?]+$/, '').trim();
  const angle = /<([^<>]+)>\s*$/.exec(text);
  // "Megan Bowen <meganb@contoso.com>": the address is the precise part.
  if (angle && angle[1]!.includes('@')) text = angle[1]!.trim();
  const quoted = /^(["“'])(.*)(["”'])$/.exec(text);
  if (quoted) text = quoted[2]!.trim();
  return text;
}

function federatedPattern(format: ObjectIdFormat): RegExp {
  return new RegExp(`^(${objectIdPattern(format)})@(${objectIdPattern(format)})$`);
}
