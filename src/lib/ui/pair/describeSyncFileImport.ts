// The sentences a person reads after importing a sync file: what it brought, and plainly what
// it could not bring and what to do about it.
import type { SyncFileImport } from '$lib/state/pairSession.svelte';
import { countNoun } from '../text/countNoun';

const changes = (count: number) => countNoun(count, 'change');

/**
 * A status line, and a problem line when part of the file was damaged or set aside.
 *
 * @example
 *   describeSyncFileImport({ applied: 2, held: 0, damagedTail: false, setAside: [] });
 *   // { status: 'Imported 2 changes.', problem: undefined }
 */
export function describeSyncFileImport(result: SyncFileImport): {
  status: string;
  problem: string | undefined;
} {
  const brought = [
    result.applied === 0 ? 'Nothing new was imported.' : `Imported ${changes(result.applied)}.`,
    ...(result.held > 0
      ? [`${changes(result.held)} wait for earlier changes that were not in this file.`]
      : []),
  ];
  const problems: string[] = [];
  if (result.damagedTail) problems.push('Part of this file is damaged and could not be read.');
  for (const { count, device } of result.setAside) {
    const from = device ? ` (said to be from ${device.personName}’s ${device.name})` : '';
    problems.push(
      `${changes(count)}${from} failed the check and ${count === 1 ? 'was' : 'were'} set aside.`,
    );
  }
  if (problems.length > 0) {
    problems.push(
      'An intact copy is needed: ask your partner for a new sync file, or connect to the relay.',
    );
  }
  const nothingNew = result.applied === 0 && result.held === 0 && problems.length === 0;
  return {
    status: nothingNew
      ? 'Nothing new in this file: this device already had all of it.'
      : brought.join(' '),
    problem: problems.length > 0 ? problems.join(' ') : undefined,
  };
}
