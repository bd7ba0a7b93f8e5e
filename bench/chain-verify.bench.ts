// `npm run bench -- chain-verify`: what the membership chain costs a device (issue 12).
//  (a) verify: parse and verify every record of a pair's chain from its bytes (signatures, and
//      each device record's certificate: two Ed25519 checks), then derive the membership. The
//      chain: genesis, the mentee's admission, 8 device records (4 per person, each filed by its
//      owner) and the removal of one device: 11 records.
//  (b) rotation: the crypto one rotation for 8 devices needs: a fresh epoch key, sealed to each
//      device's box key (crypto_box_seal), and one signature over about 1 KB (the rotation
//      record: header and envelopes).
// Each is timed RUNS times (BENCH_RUNS, default 301) after a warm-up; the figure is the median
// in ms. Target: each ≤ 5 ms. ratio = the larger median / 5.
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  generateWorkspaceId,
  generateWorkspaceKey,
  randomBytes,
  readyCrypto,
  sealToDevice,
  signDetached,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import {
  deriveMembership,
  parseChainRecord,
  signChainRecord,
  signDeviceCertificate,
  type ChainBody,
  type ChainRecord,
} from '$lib/sync/membership';
import { logProgress, printResult, round } from './support/benchOutput';

const TARGET_MS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 301);
const WARMUP = 20;

await readyCrypto();
const workspaceId = generateWorkspaceId();
const mentor = generatePersonIdentity();
const mentee = generatePersonIdentity();
const sign = (person: PersonIdentity, parents: ChainRecord[], body: ChainBody) =>
  signChainRecord({
    workspaceId,
    person,
    parents: parents.map((parent) => parent.hash),
    at: Math.floor(Date.now() / 1000),
    body,
  });

const genesis = sign(mentor, [], { type: 'genesis', role: 'mentor' });
const admission = sign(mentor, [genesis], {
  type: 'admit',
  personId: mentee.personId,
  role: 'mentee',
});
const devices: Array<{ owner: PersonIdentity; device: DeviceIdentity }> = [];
for (const owner of [mentor, mentee]) {
  for (let index = 0; index < 4; index += 1)
    devices.push({ owner, device: generateDeviceIdentity() });
}
let head = admission;
const records = [genesis, admission];
for (const { owner, device } of devices) {
  const { deviceId, box } = device;
  const certificate = signDeviceCertificate({
    person: owner,
    deviceId,
    boxPublicKey: box.publicKey,
  });
  head = sign(owner, [head], {
    type: 'device',
    owner: owner.personId,
    deviceId,
    boxPublicKey: box.publicKey,
    certificate,
  });
  records.push(head);
}
records.push(
  sign(mentee, [head], { type: 'remove-device', deviceId: devices[7]!.device.deviceId }),
);
const bytes = records.map((record) => record.bytes);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => void): number {
  for (let index = 0; index < WARMUP; index += 1) run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

let activeDevices = 0;
const verifyMs = time(() => {
  const parsed = bytes.map((record) => parseChainRecord(record, { workspaceId }));
  const verified = parsed.flatMap((result) => (result.ok ? [result.record] : []));
  if (verified.length !== records.length) throw new Error('chain-verify: a record did not verify');
  const membership = deriveMembership({ root: genesis.hash, records: verified });
  activeDevices = membership.devices.size;
});
if (activeDevices !== 7) throw new Error(`chain-verify: ${activeDevices} active devices, not 7`);
logProgress(`verify ${records.length} records + derive: median ${round(verifyMs)} ms`);

const rotationRecord = randomBytes(1024);
const rotationMs = time(() => {
  const key = generateWorkspaceKey();
  for (const { device } of devices) sealToDevice({ message: key, publicKey: device.box.publicKey });
  signDetached({
    message: rotationRecord,
    domain: 'rotation',
    secretKey: mentor.signing.secretKey,
  });
});
logProgress(`rotation crypto for ${devices.length} devices: median ${round(rotationMs)} ms`);

printResult({
  bench: 'chain-verify',
  records: records.length,
  devices: devices.length,
  runs: RUNS,
  verify_derive_median_ms: round(verifyMs),
  rotation_median_ms: round(rotationMs),
  target_ms: TARGET_MS,
  ratio: round(Math.max(verifyMs, rotationMs) / TARGET_MS),
});
