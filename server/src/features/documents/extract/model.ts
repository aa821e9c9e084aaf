import type { NodeLabel, RelType } from '@atlas/seed';

/** An entity the document names: one of the graph's (resolved or ambiguous) or a new one. */
export interface EntityFinding {
  /** Graph id when resolved; `ambiguous:<form>` or `new:<Label>:<slug>` otherwise. */
  key: string;
  label: NodeLabel;
  status: 'resolved' | 'ambiguous' | 'new';
  name: string;
  acronym?: string | undefined;
  aliases: string[];
  /** For a new Region from the ISO list, or an actor's guessed kind. */
  iso2?: string | undefined;
  kind?: string | undefined;
  /** Graph entities this may be (one when resolved; several when ambiguous; close ones for a new name). */
  candidates: { id: string; label: NodeLabel; name: string }[];
  /** How it was found: 'name', 'acronym', 'alias', 'close-spelling' or the rule that introduced it. */
  how: string;
  mentions: number;
  /** The sentence of its first mention, verbatim. */
  quote: string;
  /** Offset of that sentence in the text. */
  at: number;
  confidence: number;
  /** For a new Agreement, Initiative or Mandate: what the rule knows of it (kind, dates, functions). */
  extra?: Record<string, unknown> | undefined;
}

/** A relationship a sentence states, between two findings (by key). */
export interface RelationshipFinding {
  type: RelType;
  from: string;
  to: string;
  properties: { role?: string; frequency?: string; validFrom?: string };
  quote: string;
  at: number;
  confidence: number;
  rule: string;
}

export interface Extraction {
  entities: EntityFinding[];
  relationships: RelationshipFinding[];
  dates: { text: string; iso: string; precision: string; at: number }[];
}
