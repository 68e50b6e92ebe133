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
