import { type RefObject, useEffect, useState } from 'react';
import { type Core, type CytoscapeOptions, cytoscape } from './cytoscape';
import { exposeForTests } from './debugHandle';
import { graphStylesheet } from './stylesheet';

/** `?webgl=1` draws with Cytoscape's (experimental) WebGL renderer, for comparison on large graphs. */
function webglRequested(): boolean {
  return new URLSearchParams(window.location.search).get('webgl') === '1';
}

/** The one `cy` for a container: created when the container mounts, destroyed on unmount. */
export function useCytoscape(containerRef: RefObject<HTMLElement | null>): Core | null {
  const [cy, setCy] = useState<Core | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = cytoscape({
      container,
      style: graphStylesheet(),
      selectionType: 'single',
      boxSelectionEnabled: false,
      // Fitting to a lone node would otherwise zoom until it fills the screen.
      maxZoom: 3,
      minZoom: 0.02,
      // Drawing at device pixel ratio 1 halves the pixels filled on HiDPI screens; labels stay legible.
      pixelRatio: 1,
      ...(webglRequested() ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as CytoscapeOptions);
    const unexpose = exposeForTests(instance);
    setCy(instance);
    return () => {
      unexpose();
      setCy(null);
      instance.destroy();
    };
  }, [containerRef]);

  return cy;
}

/** Cytoscape reads this option once at start-up; large graphs turn it on later (see GraphView). */
export function hideEdgesWhileMoving(cy: Core, hide: boolean): void {
  const renderer = (cy as unknown as { renderer(): { hideEdgesOnViewport: boolean } }).renderer();
  renderer.hideEdgesOnViewport = hide;
}
