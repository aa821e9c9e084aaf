import { NODE_LABELS, type NodeLabel, REL_TYPES, type RelType } from '@atlas/seed';

/**
 * Labels and relationship types cannot be Cypher parameters, so the query files hold the
 * placeholders __LABEL__, __FROM__, __TO__ and __TYPE__; only members of the closed seed lists
 * (already checked by a zod enum) are ever written in their place.
 */
export function splice(query: string, names: { label?: NodeLabel; from?: NodeLabel; to?: NodeLabel; type?: RelType }): string {
  let text = query;
  for (const [key, value] of Object.entries(names)) {
    const allowed: readonly string[] = key === 'type' ? REL_TYPES : NODE_LABELS;
    if (!allowed.includes(value)) throw new Error(`refusing to splice unknown ${key} '${value}' into Cypher`);
    text = text.replaceAll(`__${key.toUpperCase()}__`, value);
  }
  if (/__(LABEL|FROM|TO|TYPE)__/.test(text)) throw new Error('a Cypher placeholder was left unfilled');
  return text;
}
