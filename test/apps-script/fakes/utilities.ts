// Utilities fake: HMAC and digests as signed Java bytes (−128..127), formatDate with a time zone and Java patterns, base64, uuid.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { FakeClock } from './clock';
import type { FakeRuntime } from './runtime';

/** Node bytes as Apps Script returns them: Java's signed bytes. */
export function toJavaBytes(buffer: Buffer): number[] {
  return [...buffer].map((b) => (b > 127 ? b - 256 : b));
}

function toBuffer(value: string | readonly number[], charset?: string): Buffer {
  if (typeof value === 'string') return Buffer.from(value, charset === 'US_ASCII' ? 'ascii' : 'utf8');
  return Buffer.from(value.map((b) => (b + 256) % 256));
}

const DIGESTS: Record<string, string> = { SHA_256: 'sha256', SHA_1: 'sha1', MD5: 'md5', SHA_512: 'sha512' };

function zoned(date: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const fields = { y: get('year'), M: get('month'), d: get('day'), H: get('hour'), m: get('minute'), s: get('second') };
  const asUtc = Date.UTC(fields.y, fields.M - 1, fields.d, fields.H, fields.m, fields.s);
  const offsetMinutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  return { ...fields, S: date.getTime() % 1000, offset: offsetMinutes };
}

/** The subset of java.text.SimpleDateFormat the script uses: y M d H m s S, X/XX/XXX, Z, and quoted text. */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const f = zoned(date, timeZone);
  const offset = f.offset ?? 0;
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let run = 1;
    while (pattern.charAt(i + run) === ch) run++;
    const pad = (n: number): string => String(n).padStart(run, '0');
    switch (ch) {
      case 'y':
        out += run === 2 ? String(f.y ?? 0).slice(-2) : pad(f.y ?? 0);
        break;
      case 'M':
        out += pad(f.M ?? 0);
        break;
      case 'd':
        out += pad(f.d ?? 0);
        break;
      case 'H':
        out += pad(f.H ?? 0);
        break;
      case 'm':
        out += pad(f.m ?? 0);
        break;
      case 's':
        out += pad(f.s ?? 0);
        break;
      case 'S':
        out += String(f.S ?? 0)
          .padStart(3, '0')
          .slice(0, Math.max(run, 3));
        break;
      case 'X':
        out += offset === 0 ? 'Z' : run === 1 ? `${sign}${hh}` : run === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
        break;
      case 'Z':
        out += `${sign}${hh}${mm}`;
        break;
      default:
        if (/[A-Za-z]/.test(ch)) throw new Error(`formatDate fake: pattern letter "${ch}" is not supported`);
        out += ch.repeat(run);
    }
    i += run;
  }
  return out;
}

export function createUtilities(clock: FakeClock, runtime?: FakeRuntime): unknown {
  return {
    Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
    DigestAlgorithm: { SHA_256: 'SHA_256', SHA_1: 'SHA_1', MD5: 'MD5', SHA_512: 'SHA_512' },
    computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: string): number[] {
      return toJavaBytes(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    computeDigest(algorithm: string, value: string | number[], charset?: string): number[] {
      const name = DIGESTS[algorithm];
      if (name === undefined) throw new Error(`computeDigest fake: ${algorithm} is not supported`);
      return toJavaBytes(createHash(name).update(toBuffer(value, charset)).digest());
    },
    formatDate(date: Date, timeZone: string, format: string): string {
      return formatJavaDate(new Date(date.getTime()), timeZone, format);
    },
    base64Encode(value: string | number[]): string {
      return toBuffer(value).toString('base64');
    },
    base64Decode(encoded: string): number[] {
      return toJavaBytes(Buffer.from(encoded, 'base64'));
    },
    getUuid(): string {
      return randomUUID();
    },
    sleep(ms: number): void {
      // Inside an execution the time counts against its 6 minutes.
      if (runtime?.costs) runtime.sleep(ms);
      else clock.advance(ms);
    },
  };
}
