// The build: dist/ holds the manifest and one bundle, and every trigger or menu function is a top-level global Apps Script can call.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, BUNDLE_PATH, DIST_DIR, ENTRY_POINTS, loadBundle } from './bundle';
import { createFakes } from './fakes';

beforeAll(() => {
  buildBundle();
});

describe('apps-script build', () => {
  it('writes exactly appsscript.json and Code.js to dist/', () => {
    expect(readdirSync(DIST_DIR).sort()).toEqual(['Code.js', 'appsscript.json']);
  });

  it('ships a V8 manifest in Asia/Ho_Chi_Minh with narrow explicit scopes', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8')) as {
      runtimeVersion: string;
      timeZone: string;
      oauthScopes: string[];
    };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(manifest.oauthScopes.sort()).toEqual(
      [
        'https://www.googleapis.com/auth/forms',
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/userinfo.email',
        // ScriptApp.getIdentityToken(): the admin menu actions' Google identity (with the e-mail scope above, the token names the account).
        'openid',
        // The poller asks Drive which queue spreadsheets changed: metadata only, never file contents.
        'https://www.googleapis.com/auth/drive.metadata.readonly',
      ].sort(),
    );
    expect(manifest.oauthScopes.some((s) => s.endsWith('/auth/drive') || s.endsWith('/auth/drive.readonly'))).toBe(
      false,
    );
    // Drive: which spreadsheets changed; Sheets: enables the Sheets API the poller reads queue tabs with (UrlFetchApp.fetchAll).
    expect((manifest as { dependencies?: unknown }).dependencies).toEqual({
      enabledAdvancedServices: [
        { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
        { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
      ],
    });
  });

  it.each(ENTRY_POINTS)('declares %s as a top-level function declaration', (name) => {
    const code = readFileSync(BUNDLE_PATH, 'utf8');
    expect(code).toMatch(new RegExp(`^function ${name}\\(e\\) \\{$`, 'm'));
  });

  it('runs in a sandbox with no Node globals and exposes every entry point', () => {
    const bundle = loadBundle(createFakes().globals);
    for (const name of ENTRY_POINTS) expect(typeof bundle[name]).toBe('function');
  });

  it('touches no Apps Script service while loading (a project load must not need authorisation)', () => {
    expect(() => loadBundle({})).not.toThrow();
  });
});
