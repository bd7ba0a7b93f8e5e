// Device identities for the benchmarks, derived from the benchmark's seed. They are not only
// names: a device's Yjs client ids are a hash of its id (deriveClientId), and lib0 writes a
// client id in 4 bytes below 2^28 and in 5 above, once per struct and per reference to one.
// With random identities one run in eight typed with 4-byte ids and sent ~6% fewer update
// bytes; derived from the seed, a run is reproducible.
import sodium from 'libsodium-wrappers-sumo';
import {
  deviceIdOf,
  readyCrypto,
  type BoxPublicKey,
  type BoxSecretKey,
  type DeviceIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
} from '$lib/crypto';

/**
 * The identity of member `member` in a benchmark run with `seed`.
 *
 * @example
 *   const writer = await seededBenchIdentity({ seed: 3, member: 0 });
 */
export async function seededBenchIdentity(input: {
  seed: number;
  member: number;
}): Promise<DeviceIdentity> {
  await readyCrypto();
  await sodium.ready;
  const keySeed = sodium.crypto_generichash(
    32,
    `trellis-bench/identity/${input.seed}/${input.member}`,
    null,
  );
  const signing = sodium.crypto_sign_seed_keypair(keySeed);
  const box = sodium.crypto_box_seed_keypair(keySeed);
  const publicKey = signing.publicKey as SigningPublicKey;
  return {
    deviceId: deviceIdOf(publicKey),
    signing: { publicKey, secretKey: signing.privateKey as SigningSecretKey },
    box: { publicKey: box.publicKey as BoxPublicKey, secretKey: box.privateKey as BoxSecretKey },
  };
}
