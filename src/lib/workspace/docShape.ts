import * as Y from 'yjs';

/**
 * The shape of a pair's inner Y.Doc, schema version 1.
 *
 * Every collection is a **root** type, reached by name. Root types are never created as items,
 * so two devices that touch the same one while apart cannot clash: a nested Y.Map created
 * concurrently under the same key would keep only one side's copy, with everything typed into
 * the other. Nested shared types exist only inside an entity, created in the same transaction
 * as the entity by its one author.
 *
 * - `meta` (Y.Map): `schemaVersion`, `title`, `createdAt`, `createdBy`.
 * - `people` (Y.Map personId → Y.Map): `name`, `role`, `timeZone`, `joinedAt`.
 * - `availability` (Y.Map id → Y.Map): `personId`, `kind`, `weekday`, `start`, `end`.
 * - `agreement` (Y.Map): the agreement's terms as scalars (cadences, term dates, …).
 * - `agreementChannels` (Y.Map channel → boolean).
 * - `agreement.section.<key>` (Y.Text, one root per template section).
 * - `agreementSignatures` (Y.Map `[personId, hash]` → plain record), `agreementVersions`
 *   (Y.Map contentHash → plain record holding the signed canonical text).
 * - `goals`, `milestones`, `sessions`, `agendaTopics`, `actionItems`, `reflections`,
 *   `feedback`, `reviews`, `checkIns`, `wrapUps` (Y.Map id → Y.Map entity).
 * - `sessionRevisions` (Y.Map random id → plain record `{ sessionId, by, at }`, written once):
 *   one per change of a session's time, length or status; the count is the calendar SEQUENCE.
 * - `closure` (Y.Map): `requestedAt`, `requestedBy`, `reason`, `closedAt`, `closedBy`.
 * - `devices` (Y.Map deviceId → Y.Map): `personId`, `name`, `boxPublicKey`, `certificate`,
 *   `addedAt`, `lastSeenAt`, `removedAt?` (a device registers itself; removal is never undone).
 *   See devices.ts.
 * - `rotations` (Y.Map String(epoch) → Y.Map written once): `epoch`, `byDeviceId`, `at`,
 *   `reason`, `removedDeviceIds` (array), `envelopes` (object deviceId → sealed key), plain
 *   values so a record is all or nothing. See rotations.ts.
 * - `invites` (Y.Map inviteId → Y.Map): `createdBy`, `createdAt`, `expiresAt`, `revokedAt?`,
 *   `used?` (`{ by, at }` as one value, so racing joiners converge on one whole use). See
 *   invites.ts.
 *
 * `devices`, `rotations` and `invites` are reached through their own modules' root names, not
 * `ROOT`. A private-notes doc is not a pair doc: it holds `notes` (Y.Map noteId → Y.Map:
 * `title`, `createdAt`, `updatedAt`, `body` Y.Text), the person's own `devices`, and `rotations`
 * once one of them is removed; no `meta` (notes.ts).
 *
 * Entities are keyed by stable random ids and hold one key per field, so concurrent edits
 * merge field by field; long texts are nested Y.Text and merge character by character.
 */
export const CURRENT_SCHEMA_VERSION = 1;

export const ROOT = {
  meta: 'meta',
  people: 'people',
  availability: 'availability',
  agreement: 'agreement',
  agreementChannels: 'agreementChannels',
  agreementSignatures: 'agreementSignatures',
  agreementVersions: 'agreementVersions',
  goals: 'goals',
  milestones: 'milestones',
  sessions: 'sessions',
  sessionRevisions: 'sessionRevisions',
  agendaTopics: 'agendaTopics',
  actionItems: 'actionItems',
  reflections: 'reflections',
  feedback: 'feedback',
  reviews: 'reviews',
  checkIns: 'checkIns',
  wrapUps: 'wrapUps',
  closure: 'closure',
} as const;

export type RootMapName = keyof typeof ROOT;

/**
 * A root collection of the doc.
 *
 * @example
 *   const goals = rootMap(doc, 'goals');
 */
export function rootMap(doc: Y.Doc, name: RootMapName): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT[name]);
}

/** The root name of an agreement section's text; one root Y.Text per section key. */
export function agreementSectionRootName(sectionKey: string): string {
  return `agreement.section.${sectionKey}`;
}
