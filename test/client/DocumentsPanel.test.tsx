import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentsPanel } from '../../client/src/features/Documents/DocumentsPanel';
import { json, problem } from './fetchMock';

const doc = {
  id: 'doc-1',
  sourceId: 'src-doc-1',
  title: 'Field note',
  date: '2026-11-20',
  kind: 'report',
  sensitivity: 'CLEAR',
  format: 'text',
  uploadedAt: '',
  proposals: { pending: 2 },
};
const proposals = [
  {
    id: 'prop-a',
    kind: 'entity',
    status: 'pending',
    quote: 'The Sahel Peace Collective (SPC) provides ECOWAS with data.',
    confidence: 0.9,
    sensitivity: 'CLEAR',
    data: { label: 'Actor', name: 'Sahel Peace Collective', status: 'new', candidates: [] },
  },
  {
    id: 'prop-b',
    kind: 'relationship',
    status: 'pending',
    quote: 'The Sahel Peace Collective (SPC) provides ECOWAS with data.',
    confidence: 0.85,
    sensitivity: 'CLEAR',
    data: { type: 'PROVIDES_DATA_TO', fromName: 'Sahel Peace Collective', toName: 'ECOWAS' },
  },
];

afterEach(() => vi.restoreAllMocks());

describe('DocumentsPanel', () => {
  it('pastes a document, lists its proposals with their quotes, and an accepted one reloads the graph', async () => {
    const decisions: unknown[] = [];
    const sent: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new URL(String(input), 'http://atlas.test');
      if (init?.method === 'POST' && url.pathname === '/api/documents') {
        sent.push(JSON.parse(String(init.body)));
        return json({ document: doc, duplicate: false, added: 2 }, 201);
      }
      if (init?.method === 'POST') decisions.push(JSON.parse(String(init.body)));
      if (url.pathname === '/api/documents') return json({ documents: sent.length ? [doc] : [] });
      if (url.pathname === '/api/documents/doc-1/proposals') return json({ proposals });
      return json({ ...proposals[0], status: 'accepted', resultId: 'actor-sahel-peace-collective' });
    });
    const onGraphChanged = vi.fn();
    const user = userEvent.setup();
    render(<DocumentsPanel onGraphChanged={onGraphChanged} />);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Field note');
    await user.click(screen.getByRole('textbox', { name: 'Text' }));
    await user.paste('The Sahel Peace Collective (SPC) provides ECOWAS with data.');
    await user.click(screen.getByRole('button', { name: 'Propose facts' }));
    expect(sent[0]).toMatchObject({ title: 'Field note', kind: 'meeting-note', sensitivity: 'CLEAR' });
    expect(await screen.findByText('2 proposal(s) to review.')).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Proposals' });
    const actor = within(list).getByRole('listitem', { name: 'New Actor: Sahel Peace Collective' });
    expect(within(actor).getByText(/provides ECOWAS with data/)).toBeInTheDocument();
    expect(within(list).getByRole('listitem', { name: 'Sahel Peace Collective —PROVIDES_DATA_TO→ ECOWAS' })).toBeInTheDocument();
    await user.clear(within(actor).getByRole('textbox', { name: 'Name' }));
    await user.click(within(actor).getByRole('textbox', { name: 'Name' }));
    await user.paste('Sahel Peace Collective Network');
    await user.click(within(actor).getByRole('button', { name: 'Accept' }));
    expect(decisions[0]).toEqual({ action: 'accept', properties: { name: 'Sahel Peace Collective Network' } });
    expect(onGraphChanged).toHaveBeenCalledTimes(1);
  }, 20_000);

  it("shows the server's problem when a file is refused, and nothing is listed", async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) =>
      init?.method === 'POST'
        ? problem(
            422,
            'The document was refused; nothing was written',
            'the PDF is password-protected; remove the password and upload it again',
          )
        : json({ documents: [] }),
    );
    const user = userEvent.setup();
    render(<DocumentsPanel onGraphChanged={vi.fn()} />);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Locked');
    await user.upload(screen.getByLabelText(/or a file/), new File(['%PDF-1.4'], 'locked.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Propose facts' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('password-protected');
  });
});
