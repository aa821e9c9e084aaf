import { useId } from 'react';
import type { GraphNode } from '../../api/types';
import { ProblemMessage } from '../Problem/ProblemMessage';
import { usePlaces } from './usePlaces';

interface PlacePickersProps {
  threat: string;
  region: string;
  onChange: (patch: { threat?: string; region?: string }) => void;
  /** Text of the "no choice" option, or none when a choice is required. */
  anyText?: string;
}

/** A threat and a region, chosen from those in the data. */
export function PlacePickers({ threat, region, onChange, anyText }: PlacePickersProps) {
  const id = useId();
  const { request, threats, regions } = usePlaces();
  if (request.status === 'error') return <ProblemMessage problem={request.problem} onRetry={request.retry} />;
  const options = (nodes: GraphNode[]) => (
    <>
      <option value="">{anyText ?? (request.status === 'success' ? 'Choose…' : 'Loading…')}</option>
      {nodes.map((n) => (
        <option key={n.id} value={n.id}>
          {n.name}
        </option>
      ))}
    </>
  );
  return (
    <div className="form-row">
      <label htmlFor={`${id}-threat`}>Threat</label>
      <select id={`${id}-threat`} value={threat} onChange={(e) => onChange({ threat: e.target.value })}>
        {options(threats)}
      </select>
      <label htmlFor={`${id}-region`}>Region</label>
      <select id={`${id}-region`} value={region} onChange={(e) => onChange({ region: e.target.value })}>
        {options(regions)}
      </select>
    </div>
  );
}
