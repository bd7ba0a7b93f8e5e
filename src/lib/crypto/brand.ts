declare const brand: unique symbol;

/**
 * A nominal type: `Brand<Uint8Array, 'WorkspaceKey'>` is a `Uint8Array` that the compiler keeps
 * apart from every other byte array, so a key cannot be passed where ciphertext or plaintext is
 * expected by accident. Brands exist only at compile time; the functions that create a branded
 * value (generators, parsers) are the only places that cast.
 *
 * @example
 *   type RoomId = Brand<string, 'RoomId'>;
 *   const room = 'abc' as RoomId; // only inside the module that derives room ids
 */
export type Brand<T, B extends string> = T & { readonly [brand]: B };
