import { COVERAGE_LEVELS, PATH_DIRECTIONS, PATH_LIMITS, PATH_MODES } from '@atlas/seed/src/contract';
import type { Sensitivity } from '../api/types';
import { DEFAULT_VIEW, LAYOUTS, type LayoutName, PANELS, type PanelId, type Scope, SENSITIVITIES, type ViewState } from './viewState';

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);
const oneOf = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;
const intIn = (value: string | null, min: number, max: number, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

/** The whole view as URL parameters: a copied link reopens the same view. Defaults are left out. */
export function encodeView(view: ViewState): string {
  const p = new URLSearchParams();
  const set = (key: string, value: string | number | null | undefined, unless?: string | number | null) => {
    if (value !== null && value !== undefined && value !== '' && value !== unless) p.set(key, String(value));
  };
  const setList = (key: string, values: string[]) => set(key, values.join(','));
  set('panel', view.panel, DEFAULT_VIEW.panel);
  set('layout', view.layout, DEFAULT_VIEW.layout);
  set('scope', view.scope, DEFAULT_VIEW.scope);
  set('sel', view.selected);
  setList('expand', view.workspace.expanded);
  setList('hide', view.workspace.hidden);
  setList('pin', view.workspace.pinned);
  setList('unfold', view.workspace.unfolded);
  setList('nokind', view.filters.kinds);
  setList('notype', view.filters.types);
  set('sens', view.filters.maxSensitivity, 'RED');
  set('year', view.filters.year);
  set('fregion', view.filters.region);
  set('fthreat', view.filters.threat);
  if (view.paths) {
    const q = view.paths;
    set('from', q.from);
    set('fromName', q.fromName);
    set('to', q.to);
    set('toName', q.toName);
    set('mode', q.mode, 'shortest');
    setList('types', q.types);
    set('hops', q.maxHops, PATH_LIMITS.defaultHops);
    set('k', q.k, PATH_LIMITS.defaultK);
    set('dir', q.direction, 'any');
  }
  if (view.responders) {
    set('rthreat', view.responders.threat);
    set('rregion', view.responders.region);
  }
  if (view.brokers) {
    set('measure', view.brokers.measure);
    set('comm', view.brokers.communities ? 1 : null);
  }
  if (view.gaps) {
    set('level', view.gaps.level);
    set('gthreat', view.gaps.threat);
    set('gregion', view.gaps.region);
  }
  return p.toString();
}

export function decodeView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const from = p.get('from');
  const to = p.get('to');
  const measure = p.get('measure');
  const level = p.get('level');
  return {
    panel: oneOf<PanelId>(PANELS, p.get('panel'), DEFAULT_VIEW.panel),
    layout: oneOf<LayoutName>(LAYOUTS, p.get('layout'), DEFAULT_VIEW.layout),
    scope: oneOf<Scope>(['all', 'expanded'], p.get('scope'), DEFAULT_VIEW.scope),
    selected: p.get('sel'),
    workspace: {
      expanded: list(p.get('expand')),
      hidden: list(p.get('hide')),
      pinned: list(p.get('pin')),
      unfolded: list(p.get('unfold')),
    },
    filters: {
      kinds: list(p.get('nokind')),
      types: list(p.get('notype')),
      maxSensitivity: oneOf<Sensitivity>(SENSITIVITIES, p.get('sens'), 'RED'),
      year: p.has('year') ? intIn(p.get('year'), 1900, 2100, 0) || null : null,
      region: p.get('fregion') ?? '',
      threat: p.get('fthreat') ?? '',
    },
    paths:
      from && to
        ? {
            from,
            to,
            fromName: p.get('fromName') ?? from,
            toName: p.get('toName') ?? to,
            mode: oneOf(PATH_MODES, p.get('mode'), 'shortest'),
            types: list(p.get('types')),
            maxHops: intIn(p.get('hops'), 1, PATH_LIMITS.maxHops, PATH_LIMITS.defaultHops),
            k: intIn(p.get('k'), 1, PATH_LIMITS.maxK, PATH_LIMITS.defaultK),
            direction: oneOf(PATH_DIRECTIONS, p.get('dir'), 'any'),
          }
        : null,
    responders: p.get('rthreat') && p.get('rregion') ? { threat: p.get('rthreat') ?? '', region: p.get('rregion') ?? '' } : null,
    brokers: measure ? { measure, communities: p.get('comm') === '1' } : null,
    gaps: level
      ? {
          level: oneOf(COVERAGE_LEVELS, level, 'subregion'),
          threat: p.get('gthreat') ?? '',
          region: p.get('gregion') ?? '',
        }
      : null,
  };
}
