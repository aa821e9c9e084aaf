import { type RefObject, useEffect, useState } from 'react';
import { type Core, cytoscape } from './cytoscape';
import { exposeForTests } from './debugHandle';
import { GRAPH_STYLESHEET } from './stylesheet';

/** The one `cy` for a container: created when the container mounts, destroyed on unmount. */
export function useCytoscape(containerRef: RefObject<HTMLElement | null>): Core | null {
  const [cy, setCy] = useState<Core | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = cytoscape({
      container,
      style: GRAPH_STYLESHEET,
      selectionType: 'single',
      boxSelectionEnabled: false,
      // Fitting to a lone node would otherwise zoom until it fills the screen.
      maxZoom: 3,
    });
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
