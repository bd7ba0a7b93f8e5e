// A rendezvous: a short-lived, end-to-end encrypted relay room named by a secret that only a
// link carries; the device-link protocol runs on top of it.
export {
  MAX_RENDEZVOUS_ENTRIES,
  openRendezvous,
  RENDEZVOUS_MESSAGES_NAME,
  RendezvousClosedError,
  type Rendezvous,
  type RendezvousStatus,
} from './openRendezvous';
export {
  MAX_RENDEZVOUS_ENTRY_BYTES,
  MAX_RENDEZVOUS_MESSAGE_BYTES,
  openRendezvousEntry,
  RENDEZVOUS_ASSOCIATED_DATA,
  sealRendezvousEntry,
} from './rendezvousEntry';
export { rendezvousConfirmationCode } from './rendezvousConfirmationCode';
