import { describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { startServerProcess } from '../support/serverProcess';
import { connectClient, credentials, waitUntil, whenSynced } from './support/relayTestKit';
import { contains, readLevel, readTree } from './support/relayDataScan';

const PLAINTEXT = [
  'Mentee goal: apply for the field-station lead role by March (SMART, confidential)',
  'Session notes: we talked about the conflict with the site manager; keep this between us',
];

const CONTROL = 'CONTROL: sent unencrypted by a careless client';

/** Seeded key material: the same every run. */
const key = createHash('sha256').update('plaintext-scan key').digest();
const nonceFor = (i: number) => createHash('sha256').update(`nonce ${i}`).digest().subarray(0, 12);

/** A stand-in for the sync core's sealed blob: ChaCha20-Poly1305, nonce | ciphertext | tag. */
function seal(text: string, i: number): Uint8Array {
  const nonce = nonceFor(i);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return new Uint8Array(Buffer.concat([nonce, body]));
}

function open(blob: Uint8Array): string {
  const bytes = Buffer.from(blob);
  const decipher = createDecipheriv('chacha20-poly1305', key, bytes.subarray(0, 12), {
    authTagLength: 16,
  });
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([
    decipher.update(bytes.subarray(12, bytes.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}

describe('the relay never holds or logs plaintext', () => {
  it('keeps no plaintext, token or whole room id in DATA_DIR or the logs after a real sync', async () => {
    const room = credentials('plaintext-scan');
    const server = await startServerProcess({ env: { LOG_LEVEL: 'trace' } });
    const mentor = connectClient(server, room);
    const mentee = connectClient(server, room);
    const careless = connectClient(server, credentials('plaintext-scan-control'));
    const carelessEcho = connectClient(server, credentials('plaintext-scan-control'));
    const sealed = PLAINTEXT.map(seal);
    try {
      await Promise.all([whenSynced(mentor), whenSynced(mentee)]);
      mentor.log.push(sealed);
      await waitUntil(() => mentee.log.length === sealed.length, 'the mentee got the blobs');
      // End to end: the partner reads what the mentor wrote.
      expect(mentee.log.toArray().map(open)).toEqual(PLAINTEXT);
      // Control: a careless client in another room sends plaintext; the scan must find it.
      careless.log.push([new TextEncoder().encode(CONTROL)]);
      await waitUntil(() => carelessEcho.log.length === 1, 'the control text was relayed');
    } finally {
      mentor.destroy();
      mentee.destroy();
      careless.destroy();
      carelessEcho.destroy();
    }
    expect(await server.stop()).toBe(0);

    const files = await readTree(server.dataDir);
    files.push(...(await readLevel(server.dataDir)));
    const logs = [Buffer.from(server.output())];
    await server.dispose();

    // Controls: the scan does see what the relay stored, ciphertext and careless plaintext alike.
    for (const blob of sealed) expect(contains(files, blob)).toBe(true);
    expect(contains(files, CONTROL)).toBe(true);
    for (const text of PLAINTEXT) {
      for (const word of [text, text.slice(0, 24), text.slice(-24)]) {
        expect(contains(files, word)).toBe(false);
        expect(contains(logs, word)).toBe(false);
      }
    }
    // The token is stored only as a hash; logs name rooms by a short prefix only.
    expect(contains(files, room.token)).toBe(false);
    expect(contains(logs, room.token)).toBe(false);
    expect(contains(logs, room.roomId)).toBe(false);
    expect(contains(logs, room.roomId.slice(0, 6))).toBe(true);
    // No blob bytes in the logs, in any usual text form.
    for (const blob of sealed) {
      for (const form of [
        Buffer.from(blob).toString('base64'),
        Buffer.from(blob).toString('hex'),
      ]) {
        expect(contains(logs, form.slice(0, 32))).toBe(false);
      }
    }
    expect(server.output()).not.toContain('"type":"Buffer"');
  });
});
