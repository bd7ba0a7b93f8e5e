import { expect } from 'vitest';
import * as Y from 'yjs';
import { addPerson, createWorkspace, type WorkspaceResult } from '$lib/workspace';

export const MENTOR = 'p-mentor';
export const MENTEE = 'p-mentee';
/** Monday 6 January 2025, 09:00 UTC: when the test pair is created. */
export const CREATED_AT = new Date('2025-01-06T09:00:00.000Z');

/**
 * A doc with a fixed Yjs client id: concurrent edits then resolve the same way on every run.
 */
export function newDoc(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** A workspace created by the mentor (Berlin) that the mentee (Kathmandu) has joined. */
export function createPairDoc(clientId = 1): Y.Doc {
  const doc = newDoc(clientId);
  expectOk(
    createWorkspace(doc, {
      title: 'Ana & Ben',
      creator: { personId: MENTOR, name: 'Ben', role: 'mentor', timeZone: 'Europe/Berlin' },
      at: CREATED_AT,
    }),
  );
  expectOk(
    addPerson(doc, {
      personId: MENTEE,
      name: 'Ana',
      role: 'mentee',
      timeZone: 'Asia/Kathmandu',
      at: CREATED_AT,
    }),
  );
  return doc;
}

/** A second device holding a copy of `doc`, with its own client id. */
export function forkDoc(doc: Y.Doc, clientId: number): Y.Doc {
  const copy = newDoc(clientId);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Bring every doc up to date with every other (both come back online). */
export function syncDocs(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

/** Assert a command succeeded and return its value. */
export function expectOk<T extends object>(result: WorkspaceResult<T>): { ok: true } & T {
  if (!result.ok) expect.fail(`expected ok, got ${result.code} (${result.field ?? '-'})`);
  return result;
}

/** Assert a command failed with `code` (and `field`, when given). */
export function expectError(result: WorkspaceResult<object>, code: string, field?: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  if (field !== undefined) expect(result.field).toBe(field);
}

/** A deterministic id generator for property tests. */
export function idSequence(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${String(next++).padStart(4, '0')}`;
}
