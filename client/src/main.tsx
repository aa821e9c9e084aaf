import { prefetchGraph } from './api/atlas';
import { markFirstDraw } from './firstDraw';
import { decodeView } from './view/urlState';
import { asOfDate } from './view/viewState';

// The entry is kept tiny so the opening graph is requested at once, while the browser downloads
// and parses the app (React and Cytoscape, most of the bytes) in parallel: the two used to run
// one after the other.
markFirstDraw('entry');
const view = decodeView(window.location.search);
if (view.scope === 'all') prefetchGraph(asOfDate(view.filters.year));
void import('./mount');
