import type { KindShape } from '../../graph/palette';

// Outlines in a 20×20 box matching Cytoscape's polygons for the same shape names.
const POINTS: Partial<Record<KindShape, string>> = {
  diamond: '10,1 19,10 10,19 1,10',
  triangle: '10,2 19,18 1,18',
  hexagon: '1,10 5.5,2 14.5,2 19,10 14.5,18 5.5,18',
  tag: '1,3 14,3 19,10 14,17 1,17',
};

interface ShapeSwatchProps {
  shape: KindShape;
  fill: string;
}

export function ShapeSwatch({ shape, fill }: ShapeSwatchProps) {
  const paint = { fill, stroke: '#1f2937', strokeWidth: 1.5 };
  const points = POINTS[shape];
  return (
    <svg className="shape-swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" data-shape={shape}>
      {points && <polygon points={points} {...paint} />}
      {shape === 'ellipse' && <circle cx="10" cy="10" r="8" {...paint} />}
      {shape === 'round-rectangle' && <rect x="2" y="4" width="16" height="12" rx="4" {...paint} />}
      {shape === 'rectangle' && <rect x="2" y="3" width="16" height="14" {...paint} />}
    </svg>
  );
}
