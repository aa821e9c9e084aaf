import { describe, expect, it } from 'vitest';
import { contrastRatio, inkFor } from '../../client/src/graph/contrast';
import { KNOWN_KINDS, kindOf, SHAPE_BY_LABEL, styleFor, UNKNOWN_FILL } from '../../client/src/graph/palette';

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });

  it('inkFor picks whichever of black and white reads better', () => {
    expect(inkFor('#fff176')).toBe('#000000');
    expect(inkFor('#1f4e9c')).toBe('#ffffff');
  });
});

describe('styleFor', () => {
  it.each(KNOWN_KINDS.map((s) => [s.kind, s]))('%s label text passes WCAG AA (4.5:1)', (_kind, style) => {
    expect(contrastRatio(style.fill, style.ink)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every known kind its own fill', () => {
    const fills = KNOWN_KINDS.map((s) => s.fill);
    expect(new Set(fills).size).toBe(fills.length);
    expect(fills).not.toContain(UNKNOWN_FILL);
  });

  it('shapes nodes by label, so kind is not carried by colour alone', () => {
    expect(styleFor('un-entity').shape).toBe('ellipse');
    expect(styleFor('Agreement').shape).toBe('diamond');
    expect(styleFor('Initiative').shape).toBe('round-rectangle');
    expect(styleFor('Threat').shape).toBe('triangle');
    expect(styleFor('Region').shape).toBe('hexagon');
    expect(styleFor('Mandate').shape).toBe('tag');
    expect(new Set(Object.values(SHAPE_BY_LABEL)).size).toBe(Object.keys(SHAPE_BY_LABEL).length);
  });

  it('falls back to a neutral ellipse named after an unknown kind', () => {
    expect(styleFor('militia-watch')).toEqual({
      kind: 'militia-watch',
      name: 'militia watch',
      fill: UNKNOWN_FILL,
      ink: '#000000',
      shape: 'ellipse',
    });
  });
});

describe('kindOf', () => {
  it("is an actor's kind, or the label for other nodes", () => {
    expect(kindOf({ label: 'Actor', kind: 'donor' })).toBe('donor');
    expect(kindOf({ label: 'Threat', kind: 'ignored' })).toBe('Threat');
    expect(kindOf({ label: 'Actor', kind: null })).toBe('actor');
    expect(kindOf({ label: 'Actor', kind: '  ' })).toBe('actor');
  });
});
