// Hex digests of Apps Script byte arrays (signed, −128..127), for signatures and stable ids.

/** Lowercase hex of bytes as Apps Script returns them (Java bytes, signed). */
export function bytesToHex(bytes: readonly number[]): string {
  let hex = '';
  for (const byte of bytes) hex += ((byte + 256) % 256).toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of the UTF-8 text, as lowercase hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8));
}

/**
 * A 53-bit non-cryptographic hash (cyrb53) of the text in base 36, as its last `width` digits (at most 11). Pure
 * JavaScript: the poller fingerprints every row of every queue, and a service call per row would cost more than reading.
 */
export function shortHash(text: string, width = 11): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0))
    .toString(36)
    .padStart(11, '0')
    .slice(-Math.min(Math.max(width, 1), 11));
}
