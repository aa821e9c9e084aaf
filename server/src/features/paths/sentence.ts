import type { RelType } from '@atlas/seed';

/** How a node is named in a sentence: its acronym when it has one, else its name. */
export interface NamedNode {
  id: string;
  name: string;
  acronym: string | null;
}

/** The facts of one relationship a phrase may mention. */
export interface StepFacts {
  type: string;
  /** true when the path walks the relationship from its start node to its end node. */
  forward: boolean;
  role?: string | null;
  frequency?: string | null;
  reason?: string | null;
  severity?: string | null;
}

export interface CitedSource {
  id: string;
  title: string;
  kind: string | null;
  quote: string | null;
}

type Phrase = (a: string, b: string) => string;

/**
 * One phrase per relationship type: `active` reads from the start node to the end node,
 * `passive` reads the same fact when a path walks it backwards (from the end node).
 */
const PHRASES: Record<RelType, { active: Phrase; passive: Phrase }> = {
  MEMBER_OF: { active: (a, b) => `${a} is a member of ${b}`, passive: (b, a) => `${b} has ${a} as a member` },
  PART_OF: { active: (a, b) => `${a} is part of ${b}`, passive: (b, a) => `${b} includes ${a}` },
  SUBTYPE_OF: { active: (a, b) => `${a} is a form of ${b}`, passive: (b, a) => `${b} takes the form of ${a}` },
  HAS_MANDATE: { active: (a, b) => `${a} holds the mandate ${b}`, passive: (b, a) => `${b} is a mandate of ${a}` },
  LACKS_MANDATE: { active: (a, b) => `${a} lacks the mandate ${b}`, passive: (b, a) => `${b} is a mandate ${a} lacks` },
  COVERS: { active: (a, b) => `${a} covers ${b}`, passive: (b, a) => `${b} is covered by ${a}` },
  APPLIES_IN: { active: (a, b) => `${a} applies in ${b}`, passive: (b, a) => `${b} falls under ${a}` },
  OPERATES_IN: { active: (a, b) => `${a} operates in ${b}`, passive: (b, a) => `${b} is where ${a} operates` },
  PARTY_TO: { active: (a, b) => `${a} is party to ${b}`, passive: (b, a) => `${b} has ${a} as a party` },
  PARTICIPATES_IN: { active: (a, b) => `${a} takes part in ${b}`, passive: (b, a) => `${b} involves ${a}` },
  TARGETS: { active: (a, b) => `${a} addresses ${b}`, passive: (b, a) => `${b} is addressed by ${a}` },
  SPANS: { active: (a, b) => `${a} spans ${b}`, passive: (b, a) => `${b} is spanned by ${a}` },
  FUNDS: { active: (a, b) => `${a} funds ${b}`, passive: (b, a) => `${b} is funded by ${a}` },
  PROVIDES_DATA_TO: { active: (a, b) => `${a} provides data to ${b}`, passive: (b, a) => `${b} receives data from ${a}` },
  DIALOGUE_WITH: { active: (a, b) => `${a} holds a dialogue with ${b}`, passive: (b, a) => `${b} is in dialogue with ${a}` },
  SUPPORTS: { active: (a, b) => `${a} supports ${b}`, passive: (b, a) => `${b} is supported by ${a}` },
  AFFECTS: { active: (a, b) => `${a} affects ${b}`, passive: (b, a) => `${b} is affected by ${a}` },
  CONSTRAINED_IN: { active: (a, b) => `${a} is constrained in ${b}`, passive: (b, a) => `${b} constrains ${a}` },
  ESTABLISHED: { active: (a, b) => `${a} established ${b}`, passive: (b, a) => `${b} was established by ${a}` },
  SUCCEEDED_BY: { active: (a, b) => `${a} was succeeded by ${b}`, passive: (b, a) => `${b} succeeded ${a}` },
};

export const displayName = (node: NamedNode): string => node.acronym || node.name;

/** A short way to cite a source inside a sentence: "the note" for the meeting note, else its title up to a colon. */
export function citeAs(source: CitedSource): string {
  if (source.kind === 'meeting-note') return 'the note';
  return source.title.split(/:\s/)[0] ?? source.title;
}

/** What qualifies the fact: role, frequency, reason or severity, then the first source it rests on. */
function qualifiers(facts: StepFacts, sources: CitedSource[]): string {
  const parts: string[] = [];
  if (facts.role) parts.push(`as ${facts.role.replace(/-/g, ' ')}`);
  if (facts.frequency) parts.push(facts.frequency);
  if (facts.reason) parts.push(facts.reason);
  if (facts.severity) parts.push(`severity ${facts.severity}`);
  const cited = sources.find((s) => s.quote) ?? sources[0];
  if (cited) parts.push(`per ${citeAs(cited)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * One step of a path as a clause: `from` is the node the path arrives from, `to` the node it
 * moves to; the phrase is passive when the relationship points the other way.
 */
export function describeStep(from: NamedNode, to: NamedNode, facts: StepFacts, sources: CitedSource[]): string {
  const phrase = PHRASES[facts.type as RelType];
  const a = displayName(from);
  const b = displayName(to);
  const clause = phrase ? (facts.forward ? phrase.active(a, b) : phrase.passive(a, b)) : `${a} is linked to ${b} (${facts.type})`;
  return clause + qualifiers(facts, sources);
}

/** The steps of a path as one sentence a mediator can read. */
export function describePath(steps: string[]): string {
  if (steps.length === 0) return '';
  const text = steps.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
