// One plain-language sentence per code: what happened, and what the person can do about it.
import type { DeviceLinkErrorCode } from './deviceLinkErrors';

const MESSAGES = {
  DEVICE_LINK_EMPTY:
    'This link has nothing in it to connect your devices. On your other device, open Devices and show the link again.',
  DEVICE_LINK_IS_INVITE:
    'This is an invite to join a pair, not a link for adding your own device. Open it as an invite instead.',
  DEVICE_LINK_NOT_TRELLIS:
    'This is not a Trellis device link. On your other device, open Devices and show the link again.',
  DEVICE_LINK_UNSUPPORTED_VERSION:
    'This link was made by a different version of Trellis. Update Trellis on both devices and try again.',
  DEVICE_LINK_TRUNCATED:
    'This device link is incomplete — it may have been cut off when it was copied. Copy the whole link again, or scan the QR code.',
  DEVICE_LINK_DAMAGED:
    'This device link has been changed or damaged — at least one character is wrong. Copy it again exactly, or scan the QR code.',
  DEVICE_LINK_MALFORMED:
    'This device link is not in a form Trellis can read. On your other device, show a new link.',
  DEVICE_LINK_EXPIRED:
    'This device link has expired. On your other device, show a new link and open it within ten minutes.',
} as const satisfies Record<DeviceLinkErrorCode, string>;

/**
 * The sentence the UI shows for a device link that cannot be used.
 *
 * @example
 *   deviceLinkErrorMessage('DEVICE_LINK_EXPIRED');
 *   // 'This device link has expired. On your other device, show a new link …'
 */
export function deviceLinkErrorMessage(code: DeviceLinkErrorCode): string {
  return MESSAGES[code];
}
