import type { NodeLabel, RelType } from '@atlas/seed';
import type { Gazetteer } from './gazetteer.js';
import type { EntityFinding, RelationshipFinding } from './model.js';
import { fold, type Span, slug, statedDates } from './text.js';

/** An entity named in a sentence (offsets in the whole text). */
export interface Mention {
  key: string;
  label: NodeLabel;
  name: string;
  start: number;
  end: number;
}

/** A new Agreement, Initiative or Mandate a rule needs as one end (e.g. the MoU two actors signed). */
export interface Instrument {
  label: 'Agreement' | 'Initiative' | 'Mandate';
  name: string;
  extra: Record<string, unknown>;
}

export interface SentenceFacts {
  relationships: RelationshipFinding[];
  instruments: (Instrument & { key: string })[];
}

type Emit = (
  type: RelType,
  from: Mention | string,
  to: Mention | string,
  confidence: number,
  rule: string,
  props?: RelationshipFinding['properties'],
) => void;

interface Ctx {
  s: Span;
  mentions: Mention[];
  emit: Emit;
  instrument: (i: Instrument) => string;
}

const keyOf = (m: Mention | string) => (typeof m === 'string' ? m : m.key);
const local = (ctx: Ctx, at: number) => ctx.s.text.slice(at - ctx.s.start);
const between = (ctx: Ctx, a: number, b: number) => ctx.s.text.slice(a - ctx.s.start, b - ctx.s.start);
const actors = (ms: Mention[]) => ms.filter((m) => m.label === 'Actor');
const places = (ms: Mention[]) => ms.filter((m) => m.label === 'Region');

/** The actor named last before an offset: the subject of the verb there. */
function subjectBefore(ctx: Ctx, at: number): Mention | undefined {
  const before = actors(ctx.mentions).filter((m) => m.end <= at);
  // An actor right after "with", "to", "and the" ... is an object of an earlier verb, not the subject.
  const isObject = (m: Mention) =>
    /\b(?:with|to|from|by|between|among|and|or|than)\s+(?:the\s+)?$/i.test(between(ctx, ctx.s.start, m.start));
  const subject = [...before].reverse().find((m) => !isObject(m));
  return subject ?? before.at(-1);
}

/** The coordinated group an actor stands in: "the DHF, the GNWP, the GPPAC, and the IPI". */
function groupOf(ctx: Ctx, m: Mention): Mention[] {
  const list = actors(ctx.mentions);
  let i = list.indexOf(m);
  const coordinated = (a: Mention, b: Mention) => /^[\s,]*(?:(?:and|or|as well as|&)\s+)?(?:the\s+)?$/i.test(between(ctx, a.end, b.start));
  while (i > 0 && coordinated(list[i - 1] as Mention, list[i] as Mention)) i--;
  const group = [list[i] as Mention];
  while (list[i + 1] && coordinated(list[i] as Mention, list[i + 1] as Mention)) group.push(list[++i] as Mention);
  return group;
}

/**
 * A coordinated list starting soon after `at`: "the African Union (AU) and the Economic
 * Community of West African States (ECOWAS)", "Argentina, Colombia, ... and Paraguay".
 */
function listAfter(ctx: Ctx, at: number, ok: (m: Mention) => boolean, lead = 60): Mention[] {
  const after = ctx.mentions.filter((m) => m.start >= at && ok(m));
  const first = after[0];
  if (!first || first.start - at > lead || /[;.]/.test(between(ctx, at, first.start))) return [];
  const list = [first];
  for (const next of after.slice(1)) {
    const gap = between(ctx, (list.at(-1) as Mention).end, next.start);
    if (!/^[\s,]*(?:(?:and|or|as well as|&)\s+)?(?:the\s+)?$/i.test(gap)) break;
    list.push(next);
  }
  return list;
}

const FREQUENCY = /\b(daily|weekly|monthly|quarterly|annual(?:ly)?|yearly|biannual|regular)\b/gi;
const frequencyIn = (text: string) => {
  const found = [...new Set([...text.matchAll(FREQUENCY)].map((m) => (m[1] as string).toLowerCase().replace(/^annually$/, 'annual')))];
  return found.length ? found.join(' and ') : undefined;
};

function dateIn(ctx: Ctx): string | undefined {
  return statedDates(ctx.s.text, ctx.s.start)[0]?.iso;
}

/** "X signed a memorandum of understanding / an agreement with Y (and Z)": one agreement per pair. */
function agreements(ctx: Ctx): void {
  const re =
    /\b(?:signed|concluded|entered into|agreed)\b[^.;]*?\b(memorand(?:um|a) of understanding|MoUs?|(?:framework |partnership )?agreements?|accords?)\b(?:\s+with\b)?/gi;
  for (const m of ctx.s.text.matchAll(re)) {
    const at = ctx.s.start + m.index;
    const subject = subjectBefore(ctx, at);
    if (!subject) continue;
    const kind = /memorand|mou/i.test(m[1] as string) ? 'mou' : /framework/i.test(m[1] as string) ? 'framework-agreement' : 'partnership';
    for (const other of listAfter(ctx, at + m[0].length, (x) => x.label === 'Actor' && x.key !== subject.key)) {
      const noun = kind === 'mou' ? 'Memorandum of Understanding' : 'Agreement';
      const agreement = ctx.instrument({
        label: 'Agreement',
        name: `${noun} between ${subject.name} and ${other.name}`,
        extra: { kind, signed: dateIn(ctx) },
      });
      ctx.emit('PARTY_TO', subject, agreement, 0.85, 'signed-agreement');
      ctx.emit('PARTY_TO', other, agreement, 0.85, 'signed-agreement');
    }
  }
  for (const m of ctx.s.text.matchAll(/\bpartnership between\b/gi)) {
    const pair = listAfter(ctx, ctx.s.start + m.index + m[0].length, (x) => x.label === 'Actor', 20).slice(0, 2);
    if (pair.length < 2) continue;
    const [a, b] = pair as [Mention, Mention];
    const agreement = ctx.instrument({
      label: 'Agreement',
      name: `Partnership between ${a.name} and ${b.name}`,
      extra: { kind: 'partnership' },
    });
    ctx.emit('PARTY_TO', a, agreement, 0.7, 'partnership-between');
    ctx.emit('PARTY_TO', b, agreement, 0.7, 'partnership-between');
  }
}

/** "X provides Y with data", "X shares early-warning reports with Y", "Y receives data from X". */
function dataFlows(ctx: Ctx): void {
  if (!/\b(?:data|information|analys[ie]s|reports?|alerts?|early[- ]warning)\b/i.test(ctx.s.text)) return;
  const frequency = frequencyIn(ctx.s.text);
  const props = frequency ? { frequency } : {};
  for (const m of ctx.s.text.matchAll(/\b(?:provid|suppl|shar|send|transmit|feed|submit)\w*\b/gi)) {
    const at = ctx.s.start + m.index;
    const from = subjectBefore(ctx, at);
    if (!from) continue;
    const rest = local(ctx, at + m[0].length);
    const direct = listAfter(ctx, at + m[0].length, (x) => x.label === 'Actor' && x.key !== from.key, 12);
    const toAt = /\b(?:to|with)\s/.exec(rest);
    const indirect = toAt
      ? listAfter(ctx, at + m[0].length + toAt.index + toAt[0].length, (x) => x.label === 'Actor' && x.key !== from.key, 8)
      : [];
    for (const to of direct.length ? direct : indirect) ctx.emit('PROVIDES_DATA_TO', from, to, 0.85, 'provides-data', props);
  }
  for (const m of ctx.s.text.matchAll(/\breceiv\w*\b[^.;]*?\bfrom\s/gi)) {
    const at = ctx.s.start + m.index;
    const to = subjectBefore(ctx, at);
    const from = listAfter(ctx, at + m[0].length, (x) => x.label === 'Actor', 8)[0];
    if (to && from && to.key !== from.key) ctx.emit('PROVIDES_DATA_TO', from, to, 0.8, 'receives-data', props);
  }
}

/** "X holds annual dialogues with Y", "engagement with Y through interactive dialogues", "a dialogue between X and Y". */
function dialogues(ctx: Ctx): void {
  if (!/\b(?:dialogues?|consultations?)\b/i.test(ctx.s.text)) return;
  const frequency = frequencyIn(ctx.s.text);
  const props = frequency ? { frequency } : {};
  const between_ = /\b(?:dialogues?|consultations?) between\s/i.exec(ctx.s.text);
  if (between_) {
    const pair = listAfter(ctx, ctx.s.start + between_.index + between_[0].length, (x) => x.label === 'Actor', 10);
    if (pair.length >= 2) ctx.emit('DIALOGUE_WITH', pair[0] as Mention, pair[1] as Mention, 0.8, 'dialogue-between', props);
    return;
  }
  for (const w of ctx.s.text.matchAll(/\b(?:with|and)\s/gi)) {
    const at = ctx.s.start + w.index;
    const subject = subjectBefore(ctx, at);
    const partner = listAfter(ctx, at + w[0].length, (x) => x.label === 'Actor' && x.key !== subject?.key, 10)[0];
    if (!subject || !partner || !/\b(?:engag|dialog|consult|meet|talk)\w*/i.test(between(ctx, subject.end, partner.start))) continue;
    ctx.emit('DIALOGUE_WITH', subject, partner, 0.8, 'dialogue-with', props);
    return;
  }
}

/** "X is a member of Y", "X joined Y". */
function memberships(ctx: Ctx): void {
  for (const m of ctx.s.text.matchAll(
    /\b(?:(?:is|are|was|were|became|become|as)\s+(?:a\s+|an\s+|full\s+|founding\s+)?members?\s+of|joined|acceded to)\s/gi,
  )) {
    const at = ctx.s.start + m.index;
    const member = subjectBefore(ctx, at);
    const body = listAfter(ctx, at + m[0].length, (x) => x.label === 'Actor', 10)[0];
    if (member && body && member.key !== body.key) ctx.emit('MEMBER_OF', member, body, 0.8, 'member-of');
  }
}

/** "X supports Y", "to support Y and Z", "X works with organisations such as Y". */
function support(ctx: Ctx): void {
  const re =
    /\b(?:support(?:s|ed|ing)?|assist(?:s|ed|ing)?|back(?:s|ed)|work(?:s|ed|ing)?\s+(?:closely\s+)?with|partner(?:s|ed)?\s+with)\b/gi;
  for (const m of ctx.s.text.matchAll(re)) {
    const at = ctx.s.start + m.index;
    const subject = subjectBefore(ctx, at);
    if (!subject || /[;]/.test(between(ctx, subject.end, at))) continue;
    const workWith = /^work|^partner/i.test(m[0]);
    const objects = listAfter(
      ctx,
      at + m[0].length,
      (x) => (x.label === 'Actor' || x.label === 'Initiative') && x.key !== subject.key,
      workWith ? 50 : 12,
    );
    for (const o of objects) ctx.emit('SUPPORTS', subject, o, workWith ? 0.6 : 0.75, workWith ? 'works-with' : 'supports');
  }
}

const PRESENCE = /\b(?:operat|work|deploy|engag|respond|implement|support|present|active|based|intervene|mediat|monitor|design|assist)\w*/i;

/** "X works in A and B", "X ... to respond to the situations in A or B". */
function presence(ctx: Ctx): void {
  for (const m of ctx.s.text.matchAll(/\b(?:in|across|throughout|within)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?=[A-Z])/gu)) {
    const at = ctx.s.start + m.index;
    const where = listAfter(ctx, at + m[0].length, (x) => x.label === 'Region', 2);
    if (where.length === 0) continue;
    const subject = actors(ctx.mentions).find((a) => a.end <= at && PRESENCE.test(between(ctx, a.end, at)));
    if (!subject) continue;
    for (const place of where) ctx.emit('OPERATES_IN', subject, place, 0.6, 'works-in');
  }
}

const FUNCTIONS: [RegExp, string][] = [
  [/prevent/i, 'prevention'],
  [/mediat/i, 'mediation'],
  [/early[- ]warning/i, 'early-warning'],
  [/justice|rule of law/i, 'justice'],
  [/fund/i, 'funding'],
  [/peacebuilding/i, 'peacebuilding'],
  [/capacit/i, 'capacity-building'],
  [/dialogue/i, 'dialogue'],
  [/advoca/i, 'advocacy'],
  [/monitor/i, 'monitoring'],
];
const functionsOf = (text: string) => {
  const found = FUNCTIONS.filter(([re]) => re.test(text)).map(([, f]) => f);
  return found.length ? found : ['policy'];
};
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Stated lacks of mandate ("the lack of a conflict prevention mandate in X") and mandates ("X was established to ...", "X's mandate to ..."). */
function mandates(ctx: Ctx): void {
  for (const m of ctx.s.text.matchAll(
    /\b(?:lack|absence)\s+of\s+(?:a|an|any)\s+((?:[a-z-]+\s+){0,4})mandate\b|\b(?:no|without\s+(?:a|an))\s+((?:[a-z-]+\s+){0,4})mandate\b/gi,
  )) {
    const at = ctx.s.start + m.index;
    const what = (m[1] ?? m[2] ?? '').trim();
    const holder = listAfter(ctx, at + m[0].length, (x) => x.label === 'Actor', 12)[0] ?? subjectBefore(ctx, at);
    if (!holder) continue;
    const mandate = ctx.instrument({
      label: 'Mandate',
      name: `${capitalised(what || 'formal')} mandate (not held by ${holder.name})`,
      extra: { functions: functionsOf(what) },
    });
    ctx.emit('LACKS_MANDATE', holder, mandate, 0.8, 'lacks-mandate');
  }
  const stated =
    /\b(?:mandated?\s+(?:to|for)|has\s+(?:a|the)\s+mandate\s+(?:to|for)|['’]s\s+mandate\s+(?:to|for|on)|(?:was|were)\s+established\b[^.;]*?,?\s+to)\s+((?:[\p{L}'’-]+\s*){2,14})/giu;
  for (const m of ctx.s.text.matchAll(stated)) {
    const at = ctx.s.start + m.index;
    const holder = /established/i.test(m[0]) ? subjectBefore(ctx, at) : subjectBefore(ctx, at + 1);
    if (!holder) continue;
    addMandate(ctx, holder, m[1] as string, 0.65, 'has-mandate');
  }
  // "A established B ..., to <purpose>": the body it set up holds that purpose as its mandate.
  for (const m of ctx.s.text.matchAll(/\bestablished\s/gi)) {
    const at = ctx.s.start + m.index + m[0].length;
    const created = listAfter(ctx, at, (x) => x.label === 'Actor', 20)[0];
    const purpose = created && /^[^.;]*?,?\s+to\s+((?:[\p{L}'’-]+\s*){2,14})/u.exec(local(ctx, created.end));
    if (created && purpose) addMandate(ctx, created, purpose[1] as string, 0.6, 'established-to');
  }
}

function addMandate(ctx: Ctx, holder: Mention, purpose: string, confidence: number, rule: string): void {
  const what = purpose.trim().replace(/\s+(?:and|in|at|of)$/i, '');
  const mandate = ctx.instrument({ label: 'Mandate', name: `${holder.name} mandate to ${what}`, extra: { functions: functionsOf(what) } });
  ctx.emit('HAS_MANDATE', holder, mandate, confidence, rule);
}

const ROLE_VERBS: [RegExp, string][] = [
  [/^(?:organi[sz]|conven|host|held|hold)/i, 'convener'],
  [/^implement/i, 'implementer'],
  [/^(?:fund|financ)/i, 'funder'],
  [/^(?:le[ad]|led)/i, 'lead'],
  [/^design/i, 'designer'],
  [/^support/i, 'supporter'],
];
const roleOf = (verb: string) => ROLE_VERBS.find(([re]) => re.test(verb))?.[1] ?? 'partner';

const INSTRUMENT =
  /\b(?:the|a|an|its|their|this|these|of|and|in|regional|national)\s+((?:[\p{L}\d’'-]+\s+){0,4}?(?:programmes?|programs?|initiatives?|strateg(?:y|ies)|frameworks?|mechanisms?|projects?|conferences?|roundtable discussions?|roundtables?|reviews?|efforts?|policies))\b((?:\s+(?:to|for|on)(?:\s+(?!in\b|at\b|across\b|with\b|and\b|such\b|as\b|by\b)[\p{L}-]+){1,7}))?/giu;

/** Initiatives a sentence names in lower case ("a program to monitor the election-related conflict"). */
export function instrumentPhrases(s: Span): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (const m of s.text.matchAll(INSTRUMENT)) {
    // Leading connectors, verbs, dates and counters are not part of the initiative's name.
    const head = (m[1] as string).replace(
      /^(?:(?:a|an|the|of|and|or|series|newly|developed|\w+ed|\d[\d-]*|january|february|march|april|may|june|july|august|september|october|november|december|first|second|third|fourth|fifth)\s+)+/i,
      '',
    );
    const name = capitalised(`${head}${m[2] ?? ''}`.trim());
    // One lower-case word ("efforts") names nothing; a capitalised one ("the Conference organized by") does.
    if (!m[2] && head.split(/\s+/).length < 2 && !/^[A-Z]/.test(head)) continue;
    const start = s.start + m.index + m[0].indexOf(m[1] as string);
    out.push({ name, start, end: s.start + m.index + m[0].length });
  }
  return out;
}

/** Who takes part in an initiative: named in it ("the OAS ... Program"), or by a verb ("organized by X", "X has implemented a program"). */
function participation(ctx: Ctx, initiatives: Mention[], lookup: (token: string) => Mention | undefined): void {
  for (const init of initiatives) {
    const named = init.name
      .split(/[\s-]+/)
      .map((t) => lookup(t.replace(/['’]s?$/, '')))
      .filter((m): m is Mention => m !== undefined && m.label === 'Actor');
    const unique = [...new Map(named.map((m) => [m.key, m])).values()];
    for (const a of unique)
      ctx.emit('PARTICIPATES_IN', a, init, 0.75, 'named-in-initiative', { role: unique.length === 1 ? 'lead' : 'partner' });
  }
  for (const init of initiatives) {
    const before = between(ctx, ctx.s.start, init.start);
    const verb =
      /\b(organi[sz]ed|convened|hosted|held|implemented|implementing|funded|financed|led|leads|designed|supported|launched)\b(?:\s+[\p{L}-]+){0,5}\s*$/iu.exec(
        before,
      );
    if (verb) {
      const doer = subjectBefore(ctx, ctx.s.start + verb.index);
      const doers = doer ? [...new Map(groupOf(ctx, doer).map((m) => [m.key, m])).values()] : [];
      for (const d of doers) ctx.emit('PARTICIPATES_IN', d, init, 0.7, 'actor-verb-initiative', { role: roleOf(verb[1] as string) });
    }
    const passive = /^[^.;]*?\b(organi[sz]ed|convened|hosted|led|funded|financed|implemented)\s+by\s/i.exec(local(ctx, init.end));
    if (passive) {
      const at = init.end + passive.index + passive[0].length;
      const doers = listAfter(ctx, at, (x) => x.label === 'Actor', 5);
      const together = /^[\s,]*together with\s/i.exec(local(ctx, (doers.at(-1) ?? init).end));
      const more = together ? listAfter(ctx, (doers.at(-1) as Mention).end + together[0].length, (x) => x.label === 'Actor', 8) : [];
      for (const d of [...doers, ...more])
        ctx.emit('PARTICIPATES_IN', d, init, 0.75, 'initiative-by-actor', { role: roleOf(passive[1] as string) });
    }
    const partOf = /\bas part of\s+(?:the\s+)?$/i.exec(before);
    const member = partOf ? subjectBefore(ctx, ctx.s.start + partOf.index) : undefined;
    if (member) ctx.emit('PARTICIPATES_IN', member, init, 0.65, 'part-of-initiative', { role: 'partner' });
  }
}

/** The countries and regions an initiative covers, named after it in its sentence: SPANS. */
function spans(ctx: Ctx, initiatives: Mention[]): void {
  for (const init of initiatives) {
    const later = initiatives.find((o) => o.start > init.end);
    const limit = later?.start ?? ctx.s.end;
    const where = places(ctx.mentions).filter((p) => p.start >= init.end && p.end <= limit);
    const first = where[0];
    if (!first || !/\b(?:in|across|for|including|such as|covering|incorporates|spans)\b|:/i.test(between(ctx, init.end, first.start)))
      continue;
    for (const place of listAfter(ctx, first.start, (x) => x.label === 'Region', 0))
      ctx.emit('SPANS', init, place, 0.7, 'initiative-in-places');
  }
}

/**
 * The relationships one sentence states. `mentions` are the entities named in it; `lookup`
 * resolves a single word (an acronym) to an entity, for initiatives named after their actors.
 */
export function sentenceRelationships(s: Span, mentions: Mention[], lookup: (token: string) => Mention | undefined): SentenceFacts {
  const relationships: RelationshipFinding[] = [];
  const instruments: (Instrument & { key: string })[] = [];
  // A date the sentence states ("On September 24, 2019", "began in 2007") is when its facts start holding.
  const since = statedDates(s.text, s.start).find((d) => !/^(?:until|by)\b/i.test(d.text))?.iso;
  const emit: Emit = (type, from, to, confidence, rule, props = {}) => {
    const f = keyOf(from);
    const t = keyOf(to);
    if (f === t || relationships.some((r) => r.type === type && r.from === f && r.to === t)) return;
    const properties = since && !props.validFrom ? { ...props, validFrom: since } : props;
    relationships.push({ type, from: f, to: t, properties, quote: s.text, at: s.start, confidence, rule });
  };
  const instrument = (i: Instrument) => {
    const key = `new:${i.label}:${slug(i.name)}`;
    if (!instruments.some((x) => x.key === key)) instruments.push({ ...i, key });
    return key;
  };
  const ctx: Ctx = { s, mentions, emit, instrument };
  agreements(ctx);
  dataFlows(ctx);
  dialogues(ctx);
  memberships(ctx);
  support(ctx);
  presence(ctx);
  mandates(ctx);
  const phrases = instrumentPhrases(s).filter((p) => !mentions.some((m) => m.start < p.end && p.start < m.end && m.label === 'Initiative'));
  const phraseMentions: Mention[] = phrases.map((p) => ({
    key: instrument({ label: 'Initiative', name: p.name, extra: {} }),
    label: 'Initiative',
    name: p.name,
    start: p.start,
    end: p.end,
  }));
  const initiatives = [...mentions.filter((m) => m.label === 'Initiative'), ...phraseMentions].sort((a, b) => a.start - b.start);
  const inRelation = (key: string) => relationships.some((r) => r.from === key || r.to === key);
  participation({ ...ctx, mentions: [...mentions, ...phraseMentions].sort((a, b) => a.start - b.start) }, initiatives, lookup);
  spans({ ...ctx, mentions: [...mentions, ...phraseMentions].sort((a, b) => a.start - b.start) }, initiatives);
  // A lower-case initiative is only proposed when the sentence relates it to someone or somewhere.
  return {
    relationships,
    instruments: instruments.filter((i) => i.label !== 'Initiative' || inRelation(i.key) || !phraseMentions.some((p) => p.key === i.key)),
  };
}

/**
 * A regional organisation's name states its region: the African Union works in Africa, the
 * Economic Community of West African States in West Africa, the Caribbean Community in the
 * Caribbean. The longest region named wins ("West African" over "African"). Low confidence.
 */
export function regionsInNames(findings: EntityFinding[], gazetteer: Gazetteer): RelationshipFinding[] {
  const out: RelationshipFinding[] = [];
  const regionFor = (phrase: string) => {
    for (const candidate of [phrase, phrase.replace(/n$/, ''), phrase.replace(/n$/, 's')]) {
      const forms = gazetteer.folded.get(fold(candidate)) ?? gazetteer.exact.get(candidate);
      const region = forms?.find((f) => f.entry.label === 'Region' && f.entry.kind !== 'country')?.entry;
      if (region) return region;
    }
    return undefined;
  };
  for (const f of findings) {
    if (f.label !== 'Actor') continue;
    const names = [f.name, ...f.aliases];
    for (const name of names) {
      const ws = name.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w));
      let region = undefined as ReturnType<typeof regionFor>;
      for (let i = 0; i < ws.length && !region; i++) region = (ws[i + 1] && regionFor(`${ws[i]} ${ws[i + 1]}`)) || undefined;
      for (let i = 0; i < ws.length && !region; i++) region = regionFor(ws[i] as string);
      if (!region) continue;
      if (!out.some((r) => r.from === f.key && r.to === region.key))
        out.push({
          type: 'OPERATES_IN',
          from: f.key,
          to: region.key,
          properties: {},
          quote: f.quote,
          at: f.at,
          confidence: 0.5,
          rule: 'region-in-name',
        });
      break;
    }
  }
  return out;
}
