/// <reference lib="webworker" />
import { forcePositions, type LayoutInput } from './forceLayout';

// One layout per message; see forcePositionsOffThread.
self.onmessage = async (event: MessageEvent<LayoutInput>) => {
  self.postMessage(await forcePositions(event.data));
};
