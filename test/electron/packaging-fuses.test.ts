import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
// js-yaml is the parser electron-builder itself reads electron-builder.yml with.
const { load } = createRequire(resolve(ROOT, 'node_modules', 'electron-builder', 'package.json'))('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
const builderSchema = JSON.parse(readFileSync(resolve(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

/** The fuses LineTwin ships with; electron-builder flips them in the binary before signing. */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('Electron fuses in electron-builder.yml', () => {
  it('sets every fuse to its hardened value', () => {
    expect(config.electronFuses).toEqual(EXPECTED_FUSES);
  });

  it("uses only option names electron-builder's own schema knows", () => {
    expect(Object.keys(builderSchema.properties)).toContain('electronFuses');
    for (const name of Object.keys(config.electronFuses ?? {})) expect(Object.keys(builderSchema.definitions.FuseOptionsV1.properties), name).toContain(name);
  });
});
