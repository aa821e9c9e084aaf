import { API_BASE, ApiError, getJson, session } from '../../api/http';
import type { Problem } from '../../api/types';

export const SOURCE_KINDS = ['meeting-note', 'resolution', 'report', 'treaty', 'website', 'official-list', 'communique'] as const;
export const LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;

export interface DocumentMeta {
  title: string;
  date: string;
  kind: string;
  sensitivity: string;
}

export interface DocumentSummary extends DocumentMeta {
  id: string;
  sourceId: string;
  format: string;
  uploadedAt: string;
  proposals: Record<string, number>;
}

export interface Proposal {
  id: string;
  kind: 'mention' | 'entity' | 'relationship';
  status: 'pending' | 'accepted' | 'merged' | 'rejected';
  quote: string;
  confidence: number;
  sensitivity: string;
  resultId?: string | null;
  data: {
    label?: string;
    name?: string;
    status?: 'resolved' | 'ambiguous' | 'new';
    candidates?: { id: string; label: string; name: string }[];
    type?: string;
    fromName?: string;
    toName?: string;
    properties?: Record<string, unknown>;
  };
}

export type Decision =
  | { action: 'accept'; targetId?: string; properties?: Record<string, unknown> }
  | { action: 'merge'; targetId: string }
  | { action: 'reject' };

/** A write under /api: the body sent as is, the answer read as JSON, a failure as an ApiError with its Problem. */
export async function send<T>(path: string, body: BodyInit, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': contentType },
      body,
    });
  } catch {
    throw new ApiError({
      type: 'about:blank#api-unreachable',
      title: `Cannot reach the API at ${API_BASE}`,
      detail: 'Is the server running?',
    });
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.status === 401) session.onExpired();
  if (!response.ok)
    throw new ApiError(
      (parsed as Problem | undefined) ?? { type: 'about:blank', title: `HTTP ${response.status}`, status: response.status },
    );
  return parsed as T;
}

export const listDocuments = (signal?: AbortSignal) => getJson<{ documents: DocumentSummary[] }>('/documents', signal);

export const listProposals = (documentId: string, signal?: AbortSignal) =>
  getJson<{ proposals: Proposal[] }>(`/documents/${encodeURIComponent(documentId)}/proposals`, signal);

export const pasteDocument = (meta: DocumentMeta, text: string) =>
  send<{ document: DocumentSummary; duplicate: boolean; added: number }>(
    '/documents',
    JSON.stringify({ ...meta, text }),
    'application/json',
  );

export function uploadDocument(meta: DocumentMeta, file: File) {
  const query = new URLSearchParams({ ...meta, fileName: file.name }).toString();
  return send<{ document: DocumentSummary; duplicate: boolean; added: number }>(
    `/documents/upload?${query}`,
    file,
    file.type || 'application/octet-stream',
  );
}

export const decideProposal = (documentId: string, proposalId: string, decision: Decision) =>
  send<Proposal>(
    `/documents/${encodeURIComponent(documentId)}/proposals/${encodeURIComponent(proposalId)}/decision`,
    JSON.stringify(decision),
    'application/json',
  );
