import { resolveDatasetParams } from '../../../shared/training/datasetOptions';
import { DatasetError } from './errors';
import { type DatasetParamSpec, type DatasetParamValue } from './types';

/**
 * Fills defaults and checks user-supplied dataset parameters against their specs, with the shared
 * rule the training panel also applies (shared/training/datasetOptions.ts).
 *
 * @throws DatasetError('bad-option') for an unknown name or a value out of range.
 */
export function resolveParams(
  datasetId: string,
  specs: readonly DatasetParamSpec[],
  given: Record<string, unknown> = {},
): Record<string, DatasetParamValue> {
  const resolved = resolveDatasetParams(datasetId, specs, given);
  if ('problem' in resolved) throw new DatasetError('bad-option', resolved.problem.message, resolved.problem.hint);
  return resolved.params;
}

/** Reads a number parameter that {@link resolveParams} has already validated. */
export function numParam(params: Record<string, DatasetParamValue>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`internal: parameter ${name} is not a number`);
  return v;
}
