/**
 * The workspace domain: the shape of a pair's inner Y.Doc and typed commands and queries on it.
 * Pure: imports only `yjs`; knows nothing of encryption, storage, network or the UI.
 *
 * Commands take `(doc, input)` with `input.by` (the acting person) and optional `input.at`
 * (default now) and answer `{ ok: true, … }` or `{ ok: false, code, field? }`. Queries answer
 * plain objects, safe to hand to the UI.
 */
export { fail } from './errors';
export type { WorkspaceError, WorkspaceErrorCode, WorkspaceResult } from './errors';
export { CURRENT_SCHEMA_VERSION, ROOT } from './docShape';
export { isDocFromNewerVersion, readSchemaVersion, schemaStanding } from './schemaVersion';
export type { SchemaStanding } from './schemaVersion';
export { migrateDoc, MIGRATIONS, MigrationGapError } from './migrateDoc';
export type { MigrationOutcome, MigrationStep } from './migrateDoc';
export { createWorkspace } from './createWorkspace';
export type { CreateWorkspaceInput } from './createWorkspace';
export { readWorkspaceMeta } from './workspaceMeta';
export type { WorkspaceMeta } from './workspaceMeta';
export { setPairTitle } from './setPairTitle';
export type { CommandInput, CreateInput } from './model/commandInput';
export { checkWritable } from './model/checkWritable';
export { compareStrings } from './model/compareStrings';
export { TEXT_LIMITS } from './text/checkText';

// People and availability
export { addPerson, replacePerson } from './people/addPerson';
export type { AddPersonInput } from './people/addPerson';
export { updatePerson } from './people/updatePerson';
export { findPerson, listPeople, partnerOf } from './people/listPeople';
export { ROLES } from './people/person';
export type { Person, Role } from './people/person';
export {
  addAvailabilityWindow,
  removeAvailabilityWindow,
} from './availability/addAvailabilityWindow';
export { listAvailability } from './availability/listAvailability';
export type { PersonAvailability } from './availability/listAvailability';
export { WINDOW_KINDS } from './availability/availabilityWindow';
export type {
  AvailabilityWindow,
  WeeklyWindow,
  WindowKind,
} from './availability/availabilityWindow';
export { availabilityOverlap, pairAvailabilityOverlap } from './availability/availabilityOverlap';
export type { OverlapSpan, PersonWeek } from './availability/availabilityOverlap';
export { partnerAvailability } from './availability/partnerAvailability';
export type { PartnerAvailability } from './availability/partnerAvailability';
export { slotConflicts } from './availability/slotConflicts';
export type { SlotConflict } from './availability/slotConflicts';

// Time
export { localToUtc } from './time/localToUtc';
export type { LocalDateTimeInput, LocalTimeResolution } from './time/localToUtc';
export { utcToLocal } from './time/utcToLocal';
export type { LocalDateTime } from './time/utcToLocal';
export { formatForPair } from './time/formatForPair';
export type { PairTime, ZonedLabel } from './time/formatForPair';
export { intlTimeZone, isValidTimeZone, zoneOrUtc } from './time/isValidTimeZone';
export { canonicalTimeZone } from './time/canonicalTimeZone';
export { isCalendarDate } from './time/calendarDate';
export { isWallTime } from './time/wallTime';
export { parseInstant } from './time/parseInstant';
export { addCadence, CADENCE_UNITS, parseCadence } from './time/cadence';
export type { Cadence, CadenceUnit } from './time/cadence';
export type { Due } from './schedule/due';

// Agreement
export {
  AGREEMENT_SECTION_KEYS,
  AGREEMENT_TEMPLATE,
  CHANNELS,
  DEFAULT_AGREEMENT_TERMS,
  LEGACY_AGREEMENT_FILLER,
} from './agreement/agreementTemplate';
export {
  isAgreementSectionUnfilled,
  unfilledAgreementSections,
} from './agreement/unfilledAgreementSections';
export type { AgreementSectionKey, AgreementTerms, Channel } from './agreement/agreementTemplate';
export { readAgreement } from './agreement/readAgreement';
export type { AgreementContent } from './agreement/readAgreement';
export { TERM_LIMITS } from './agreement/agreementTerms';
export { agreementSectionText } from './agreement/agreementSectionText';
export { setAgreementSection } from './agreement/setAgreementSection';
export { updateAgreementTerms } from './agreement/updateAgreementTerms';
export {
  CANONICAL_AGREEMENT_PREFIX,
  canonicalAgreementBytes,
  parseCanonicalAgreement,
} from './agreement/canonicalAgreementBytes';
export { recordAgreementSignature } from './agreement/recordAgreementSignature';
export type { AgreementSignature } from './agreement/agreementSignature';
export {
  listAgreementSignatures,
  listSignedAgreementVersions,
} from './agreement/listAgreementSignatures';
export type { SignedAgreementVersion } from './agreement/listAgreementSignatures';
export { agreementRecord } from './agreement/agreementRecord';
export type {
  AgreementRecord,
  EarlierAgreementVersion,
  RecordedSignature,
} from './agreement/agreementRecord';
export { agreementSignatureState } from './agreement/agreementSignatureState';
export type {
  AgreementSignatureStatus,
  PersonSignatureState,
  SignatureState,
} from './agreement/agreementSignatureState';

// Goals
export { GOAL_STATUSES, GOAL_TEXT_FIELDS } from './goals/goal';
export type { Goal, GoalStatus, GoalTextField, Milestone } from './goals/goal';
export type { GoalFieldsInput } from './goals/goalFields';
export { addGoal } from './goals/addGoal';
export { goalText, updateGoal } from './goals/updateGoal';
export { listGoals, listMilestones, readGoal } from './goals/readGoal';
export { goalProgress, goalProgressParts, isGoalOverdue } from './goals/goalProgress';
export type { GoalProgressParts } from './goals/goalProgress';
export { addMilestone } from './goals/addMilestone';
export { moveMilestone, removeMilestone, updateMilestone } from './goals/updateMilestone';
export { linkGoalSession } from './goals/linkGoalSession';

// Sessions
export { SESSION_MINUTES, SESSION_STATUSES } from './sessions/session';
export type {
  ActionItem,
  AgendaTopic,
  Session,
  SessionReflection,
  SessionStatus,
} from './sessions/session';
export { rescheduleSession, scheduleSession } from './sessions/scheduleSession';
export type { SessionTimeInput } from './sessions/scheduleSession';
export { updateSession } from './sessions/updateSession';
export { listAgendaTopics, listSessions, readSession } from './sessions/readSession';
export { sessionNotesText, setSessionNotes } from './sessions/sessionNotes';
export {
  addAgendaTopic,
  moveAgendaTopic,
  removeAgendaTopic,
  updateAgendaTopic,
} from './sessions/agendaTopics';
export {
  addActionItem,
  listActionItems,
  removeActionItem,
  updateActionItem,
} from './sessions/actionItems';
export { listSessionReflections, setSessionReflection } from './sessions/sessionReflections';
export { heldSessions, nextSession, sessionDue } from './sessions/sessionSchedule';

// Feedback and reviews
export { REVIEW_ASSESSMENTS } from './feedback/feedback';
export type { Feedback, Review, ReviewAnswer, ReviewAssessment } from './feedback/feedback';
export { giveFeedback, listFeedback } from './feedback/giveFeedback';
export { answerReview, listReviews, setReviewAgreedChanges, startReview } from './feedback/reviews';
export { reviewDue } from './feedback/reviewDue';
export type { ReviewDue } from './feedback/reviewDue';

// Check-ins
export { SCORE } from './checkins/checkIn';
export type { CheckIn } from './checkins/checkIn';
export { addCheckIn, listCheckIns } from './checkins/addCheckIn';
export { checkInDue, checkInTrend } from './checkins/checkInTrend';
export type { CheckInTrend } from './checkins/checkInTrend';

// Closure
export { isWorkspaceClosed } from './closure/isWorkspaceClosed';
export { closeWorkspace, requestClosure, withdrawClosureRequest } from './closure/closeWorkspace';
export { listWrapUps, writeWrapUp } from './closure/wrapUps';
export type { WrapUp, WrapUpInput } from './closure/wrapUps';
export { readClosure, readClosureRecord } from './closure/readClosure';
export type { ClosureRecord, ClosureStage, ClosureState } from './closure/readClosure';

// Overview
export { workspaceOverview } from './overview/workspaceOverview';
export type { WorkspaceOverview } from './overview/workspaceOverview';
export { termTimeline } from './overview/termTimeline';
export type { TermTimeline, TimelineEvent } from './overview/termTimeline';

// Exports
export { exportSessionIcs, exportUpcomingIcs } from './export/exportSessionIcs';
export { exportWorkspaceMarkdown } from './export/exportWorkspaceMarkdown';

// Devices, rotations, invites (identity bookkeeping in the pair's doc)
export {
  DEVICES_ROOT,
  findDevice,
  isKeyText,
  isSignatureText,
  listDevices,
  markDeviceRemoved,
  normaliseInstant,
  registerDevice,
  touchDevice,
} from './devices';
export type { DeviceEntry } from './devices';
export {
  findRotation,
  listRotations,
  listRotationsFor,
  recordRotation,
  retractRotation,
  ROTATION_REASONS,
  ROTATIONS_ROOT,
} from './rotations';
export type { RotationReason, RotationRecord } from './rotations';
export {
  inviteStanding,
  INVITES_ROOT,
  listInvites,
  markInviteUsed,
  recordInvite,
  revokeInvite,
} from './invites';
export type { InviteEntry, InviteStanding } from './invites';

// Private notes (a separate workspace doc per person)
export {
  addNote,
  deleteNote,
  listNotes,
  noteBody,
  NOTES_ROOT,
  renameNote,
  touchNote,
} from './notes';
export type { NoteSummary } from './notes';
