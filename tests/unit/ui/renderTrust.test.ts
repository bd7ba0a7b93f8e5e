import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import DeviceList from '$lib/ui/devices/DeviceList.svelte';
import LinkDeviceOffer from '$lib/ui/devices/LinkDeviceOffer.svelte';
import LinkDeviceRequest from '$lib/ui/devices/LinkDeviceRequest.svelte';
import InviteList from '$lib/ui/invite/InviteList.svelte';
import QrCode from '$lib/ui/invite/QrCode.svelte';
import NoteEditor from '$lib/ui/notes/NoteEditor.svelte';
import NoteList from '$lib/ui/notes/NoteList.svelte';
import KeyChangeWarning from '$lib/ui/trust/KeyChangeWarning.svelte';
import SafetyCodePanel from '$lib/ui/trust/SafetyCodePanel.svelte';

const ok = async (): Promise<{ ok: true }> => ({ ok: true });
const nothing = async (): Promise<void> => undefined;

// Server rendering (node, no DOM) checks what each component shows for given props; clicks,
// focus and axe run in e2e against the built app.
describe('rendered on the server', () => {
  it('QrCode draws an image with a name, or nothing for empty text', () => {
    const { body } = render(QrCode, { props: { text: 'https://x.test/#k', label: 'Invite QR' } });
    expect(body).toContain('role="img"');
    expect(body).toContain('aria-label="Invite QR"');
    expect(body).toContain('<svg');
    expect(render(QrCode, { props: { text: '', label: 'Invite QR' } }).body).not.toContain('<svg');
  });

  it('SafetyCodePanel shows the groups, or says the partner has not joined', () => {
    const code = '40311 07268 93952 61480 00713 28194';
    const shown = render(SafetyCodePanel, {
      props: {
        code,
        partnerName: 'Ben',
        verified: false,
        onMarkVerified: nothing,
        onClearVerified: nothing,
      },
    }).body;
    for (const group of code.split(' ')) expect(shown).toContain(`<span>${group} </span>`);
    expect(shown).toContain('Mark as verified');
    const waiting = render(SafetyCodePanel, {
      props: {
        code: null,
        partnerName: null,
        verified: false,
        onMarkVerified: nothing,
        onClearVerified: nothing,
      },
    }).body;
    expect(waiting).toContain('Your partner has not joined yet');
    expect(waiting).not.toContain('Mark as verified');
  });

  it('DeviceList offers Remove only for other devices, and only with onRemove', () => {
    const devices = [
      {
        deviceId: 'd1',
        name: 'Laptop',
        personName: 'Ana',
        isThisDevice: true,
        lastSeenAt: '2025-03-14T12:00:00.000Z',
        certified: true,
        removed: false,
      },
      {
        deviceId: 'd2',
        name: 'Phone',
        personName: 'Ana',
        isThisDevice: false,
        lastSeenAt: '2025-03-14T10:00:00.000Z',
        certified: false,
        removed: false,
      },
    ];
    const now = new Date('2025-03-14T12:00:00.000Z');
    const withRemove = render(DeviceList, { props: { devices, now, onRemove: ok } }).body;
    expect(withRemove).toContain('Remove Phone…');
    expect(withRemove).not.toContain('Remove Laptop…');
    expect(withRemove).toContain('Last seen 2 hours ago');
    expect(withRemove).toContain('Not confirmed by its owner');
    expect(render(DeviceList, { props: { devices, now } }).body).not.toContain('Remove Phone');
  });

  it('NoteEditor says the note is private', () => {
    const body = new Y.Doc().getText('body');
    const html = render(NoteEditor, {
      props: { title: 'Questions', body, onRename: () => undefined, onDelete: () => undefined },
    }).body;
    expect(html).toContain('Only you see this');
    expect(html).toContain('value="Questions"');
  });

  it('InviteList offers Revoke for open and expired invites only', () => {
    const now = new Date('2025-03-14T12:00:00.000Z');
    const base = { createdAt: '2025-03-12T12:00:00.000Z', expiresAt: '2025-03-21T12:00:00.000Z' };
    const html = render(InviteList, {
      props: {
        now,
        onRevoke: ok,
        invites: [
          { ...base, inviteId: 'a', standing: 'open' as const },
          { ...base, inviteId: 'b', standing: 'used' as const, usedByName: 'Ben' },
          { ...base, inviteId: 'c', standing: 'revoked' as const },
        ],
      },
    }).body;
    expect(html.match(/data-testid="revoke-invite"/g)).toHaveLength(1);
    expect(html).toContain('Ben joined with it');
    expect(render(InviteList, { props: { now, onRevoke: ok, invites: [] } }).body).toContain(
      'No invites yet',
    );
  });

  it('KeyChangeWarning is an alert that names the partner', () => {
    const html = render(KeyChangeWarning, {
      props: { partnerName: 'Ben', onAcknowledge: nothing },
    }).body;
    expect(html).toContain('role="alert"');
    expect(html).toContain('Ben’s identity key has changed');
    expect(html).toContain('verified mark was cleared');
  });

  it('LinkDeviceOffer shows the link, each request’s code, and the outcome', () => {
    const props = {
      link: 'https://trellis.test/link#secret',
      expiresAt: new Date('2025-03-14T12:10:00.000Z'),
      requests: [{ deviceId: 'n1', deviceName: 'Ana’s phone', code: '123456' }],
      onConfirm: ok,
      onDecline: () => undefined,
      onCancel: () => undefined,
    };
    const waiting = render(LinkDeviceOffer, {
      props: { ...props, state: 'waiting' as const },
    }).body;
    expect(waiting).toContain('Open this on your new device');
    expect(waiting).toContain('role="img"');
    expect(waiting).toContain('123 456');
    expect(waiting).toContain('Not mine');
    const granted = render(LinkDeviceOffer, { props: { ...props, state: 'granted' as const } });
    expect(granted.body).toContain('Your new device is linked');
    expect(granted.body).not.toContain('123 456');
    const expired = render(LinkDeviceOffer, { props: { ...props, state: 'expired' as const } });
    expect(expired.body).toContain('This link has expired');
  });

  it('LinkDeviceRequest starts with the name field, whatever state it is given', () => {
    const html = render(LinkDeviceRequest, {
      props: {
        state: 'waiting' as const,
        code: '123456',
        deviceName: 'Firefox on Linux',
        onDeviceName: () => undefined,
        onStart: () => undefined,
      },
    }).body;
    expect(html).toContain('value="Firefox on Linux"');
    expect(html).toContain('Link this device</button>');
    expect(html).not.toContain('123 456');
  });

  it('NoteList marks the selected note and says notes stay private', () => {
    const html = render(NoteList, {
      props: {
        notes: [
          { noteId: 'n1', title: 'Questions', updatedAt: '2025-03-14T12:00:00.000Z' },
          { noteId: 'n2', title: '', updatedAt: '2025-03-13T12:00:00.000Z' },
        ],
        selected: 'n1',
        onSelect: () => undefined,
        onAdd: ok,
      },
    }).body;
    expect(html).toContain('never to your partner');
    expect(html.match(/aria-current="true"/g)).toHaveLength(1);
    expect(html).toContain('Untitled note');
  });
});
