// Chain records: every type round-trips, and parsing refuses every kind of damage or forgery —
// each check is attacked with bytes that pass every other check.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, readyCrypto } from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import {
  InvalidChainRecordError,
  MAX_CHAIN_RECORD_BYTES,
  parseChainRecord,
  signChainRecord,
  verifyDeviceCertificate,
  type ChainRecord,
} from '$lib/sync/membership';
import {
  admit,
  certificateOf,
  device,
  fileDevice,
  genesis,
  person,
  rawRecord,
  removeDevice,
  removePerson,
  seedOf,
  sign,
  WORKSPACE_ID,
} from './chainFixture';

beforeAll(readyCrypto);

const expected = { workspaceId: WORKSPACE_ID };

function oneOfEachType(): ChainRecord[] {
  const ana = person('ana');
  const ben = person('ben');
  const root = genesis(ana, 'mentor');
  const admitted = admit(ana, [root], ben, 'mentee');
  const filed = fileDevice(ana, [admitted], ben, device('ben-phone'));
  const removedDevice = removeDevice(ben, [filed], device('ben-phone'));
  const removed = removePerson(ana, [removedDevice], ben);
  return [root, admitted, filed, removedDevice, removed];
}

describe('signChainRecord / parseChainRecord', () => {
  it('round-trips a record of every type, with its hash and fields', () => {
    const records = oneOfEachType();
    expect(records.map((record) => record.body.type)).toEqual([
      'genesis',
      'admit',
      'device',
      'remove-device',
      'remove-person',
    ]);
    for (const record of records) {
      expect(parseChainRecord(record.bytes, expected)).toEqual({ ok: true, record });
      expect(fromBase64Url(record.hash)).toHaveLength(32);
    }
    expect(new Set(records.map((record) => record.hash)).size).toBe(records.length);
  });

  it('sorts parents bytewise, whatever order they are passed in', () => {
    const ana = person('ana');
    const roots = ['a', 'b', 'c', 'd', 'e'].map((label) => genesis(person(label), 'mentor'));
    const record = sign(ana, roots.reverse(), {
      type: 'remove-device',
      deviceId: device('x').deviceId,
    });
    const raw = record.parents.map((hash) => Buffer.from(fromBase64Url(hash)!).toString('hex'));
    expect(raw).toEqual([...raw].sort());
    expect(parseChainRecord(record.bytes, expected).ok).toBe(true);
  });

  it('refuses the record after any single byte is flipped', () => {
    for (const record of oneOfEachType()) {
      for (let index = 0; index < record.bytes.length; index += 1) {
        for (const mask of [0x01, 0x80]) {
          const tampered = record.bytes.slice();
          tampered[index]! ^= mask;
          expect(parseChainRecord(tampered, expected).ok, `${record.body.type} @${index}`).toBe(
            false,
          );
        }
      }
    }
  });

  it('refuses every truncation, a trailing byte, oversize input and non-bytes', () => {
    for (const record of oneOfEachType()) {
      for (let length = 0; length < record.bytes.length; length += 1) {
        expect(parseChainRecord(record.bytes.subarray(0, length), expected).ok).toBe(false);
      }
      const trailing = new Uint8Array([...record.bytes, 0]);
      expect(parseChainRecord(trailing, expected)).toEqual({ ok: false, code: 'MALFORMED' });
    }
    expect(parseChainRecord(new Uint8Array(MAX_CHAIN_RECORD_BYTES + 1), expected)).toEqual({
      ok: false,
      code: 'TOO_LARGE',
    });
    for (const value of [undefined, null, 'text', [1, 1], { length: 3 }]) {
      expect(parseChainRecord(value, expected)).toEqual({ ok: false, code: 'MALFORMED' });
    }
  });

  it('never throws on random bytes and accepts none of them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(parseChainRecord(bytes, expected).ok).toBe(false);
      }),
    );
  });

  it('refuses another workspace, another version, an unknown type or role', () => {
    const ana = person('ana');
    const record = genesis(ana, 'mentor');
    expect(parseChainRecord(record.bytes, { workspaceId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toEqual({
      ok: false,
      code: 'WRONG_WORKSPACE',
    });
    const body = new Uint8Array([1]);
    expect(parseChainRecord(rawRecord({ type: 1, author: ana, body }), expected).ok).toBe(true);
    const cases = [
      [rawRecord({ version: 2, type: 1, author: ana, body }), 'BAD_VERSION'],
      [rawRecord({ version: 0, type: 1, author: ana, body }), 'BAD_VERSION'],
      [rawRecord({ type: 0, author: ana, body }), 'BAD_TYPE'],
      [rawRecord({ type: 6, author: ana, body }), 'BAD_TYPE'],
      [rawRecord({ type: 1, author: ana, body: new Uint8Array([3]) }), 'BAD_ROLE'],
      [
        rawRecord({ type: 1, author: ana, body: new Uint8Array([1]), workspaceId: 'other' }),
        'WRONG_WORKSPACE',
      ],
    ] as const;
    for (const [bytes, code] of cases)
      expect(parseChainRecord(bytes, expected)).toEqual({ ok: false, code });
  });

  it('refuses parents unsorted, duplicated, too many, or wrong for the type', () => {
    const ana = person('ana');
    const low = new Uint8Array(32).fill(1);
    const high = new Uint8Array(32).fill(2);
    const body = new Uint8Array([...ana.signing.publicKey]); // remove-person ana
    const ok = rawRecord({ type: 3, author: ana, parents: [low, high], body });
    expect(parseChainRecord(ok, expected).ok).toBe(true);
    const cases = [
      rawRecord({ type: 3, author: ana, parents: [high, low], body }),
      rawRecord({ type: 3, author: ana, parents: [low, low], body }),
      rawRecord({ type: 3, author: ana, parentCount: 33, parents: [low], body }),
      rawRecord({ type: 3, author: ana, parents: [], body }),
      rawRecord({ type: 1, author: ana, parents: [low], body: new Uint8Array([1]) }),
    ];
    for (const bytes of cases) {
      expect(parseChainRecord(bytes, expected)).toEqual({ ok: false, code: 'BAD_PARENTS' });
    }
    const tooMany = Array.from({ length: 33 }, (_, index) =>
      genesis(person(`p${index}`), 'mentee'),
    );
    expect(() => sign(ana, tooMany, { type: 'remove-person', personId: ana.personId })).toThrow(
      InvalidChainRecordError,
    );
    expect(() =>
      signChainRecord({
        workspaceId: WORKSPACE_ID,
        person: ana,
        parents: [tooMany[0]!.hash, tooMany[0]!.hash],
        at: 1,
        body: { type: 'remove-person', personId: ana.personId },
      }),
    ).toThrow(InvalidChainRecordError);
    // 32 parents are allowed by count but make an admission larger than 1 KiB.
    expect(() => admit(ana, tooMany.slice(0, 32), person('ben'), 'mentee')).toThrow(
      /at most 1024 bytes/,
    );
  });

  it('refuses a padded (non-canonical) varuint even when the author signed it', () => {
    const ana = person('ana');
    const body = new Uint8Array([1]);
    const padded = rawRecord({ type: 1, author: ana, atBytes: new Uint8Array([0x81, 0x00]), body });
    expect(parseChainRecord(padded, expected)).toEqual({ ok: false, code: 'MALFORMED' });
  });

  it('refuses a signature by anyone but the author, or under another domain', () => {
    const ana = person('ana');
    const eve = person('eve');
    const body = new Uint8Array([1]);
    const forged = rawRecord({ type: 1, author: ana, signer: eve, body });
    expect(parseChainRecord(forged, expected)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    const otherDomain = rawRecord({ type: 1, author: ana, body, domain: 'device-cert' });
    expect(parseChainRecord(otherDomain, expected)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it("refuses a device record whose certificate is not the owner's", () => {
    const ana = person('ana');
    const eve = person('eve');
    const phone = device('phone');
    const byEve = certificateOf(eve, phone);
    const body = new Uint8Array([
      ...ana.signing.publicKey,
      ...phone.signing.publicKey,
      ...phone.box.publicKey,
      ...byEve,
    ]);
    const low = new Uint8Array(32).fill(1);
    const bytes = rawRecord({ type: 4, author: ana, parents: [low], body });
    expect(parseChainRecord(bytes, expected)).toEqual({ ok: false, code: 'BAD_CERTIFICATE' });
    // The same record with ana's own certificate passes, so only the certificate was wrong.
    const byAna = certificateOf(ana, phone);
    body.set(byAna, 96);
    expect(
      parseChainRecord(rawRecord({ type: 4, author: ana, parents: [low], body }), expected).ok,
    ).toBe(true);
    expect(() =>
      sign(ana, [genesis(ana, 'mentor')], {
        type: 'device',
        owner: ana.personId,
        deviceId: phone.deviceId,
        boxPublicKey: phone.box.publicKey,
        certificate: byEve,
      }),
    ).toThrow(InvalidChainRecordError);
  });
});

describe('device certificates', () => {
  it("accept the certificates the state layer's certifyDevice makes today", () => {
    const ana = person('ana');
    const phone = device('phone');
    const certificate = fromBase64Url(certifyDevice({ person: ana, device: phone }))!;
    expect(
      verifyDeviceCertificate({
        owner: ana.personId,
        deviceId: phone.deviceId,
        boxPublicKey: phone.box.publicKey,
        certificate,
      }),
    ).toBe(true);
  });

  it('bind the owner, the device id and the box key', () => {
    const ana = person('ana');
    const phone = device('phone');
    const other = device('other');
    const certificate = certificateOf(ana, phone);
    const entry = {
      owner: ana.personId,
      deviceId: phone.deviceId,
      boxPublicKey: phone.box.publicKey,
      certificate,
    };
    expect(verifyDeviceCertificate(entry)).toBe(true);
    expect(verifyDeviceCertificate({ ...entry, owner: person('eve').personId })).toBe(false);
    expect(verifyDeviceCertificate({ ...entry, deviceId: other.deviceId })).toBe(false);
    expect(verifyDeviceCertificate({ ...entry, boxPublicKey: other.box.publicKey })).toBe(false);
    expect(verifyDeviceCertificate({ ...entry, owner: 'garbage' })).toBe(false);
    expect(verifyDeviceCertificate({ ...entry, certificate: seedOf('x') })).toBe(false);
  });
});
