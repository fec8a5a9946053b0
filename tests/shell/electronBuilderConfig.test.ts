import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Both come with electron-builder (app-builder-lib depends on ajv 8 and js-yaml 4): nothing to install.
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: new (options: object) => AjvInstance }).default;
const yaml = require('js-yaml') as { load(text: string): unknown };

interface AjvInstance {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
}

const ROOT = resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json'), 'utf8'));
/** The parts of the configuration these tests read (the schema checks the whole of it). */
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  icon: string;
  files: string[];
  directories: { output: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string; icon: string };
  mac: { target: string; category: string; hardenedRuntime: boolean };
  win: { target: string };
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
// The options electron-builder validates with, minus type coercion: a string "true" is a mistake here.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it("matches electron-builder's own JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: it rejects an unknown fuse', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodeTypo: false } })).toBe(false);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the app and packs only the built output into an asar', () => {
    expect(config.appId).toBe('org.triptych.viewer');
    expect(config.productName).toBe('Triptych');
    expect(config.asar).toBe(true);
    expect(config.directories.output).toBe('release');
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['dist/**', 'package.json']);
    expect(config.files).toContain('!dist/**/*.map');
  });

  it('builds the agreed targets with the medical categories and a hardened macOS runtime', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category.split(';')).toEqual(['Science', 'MedicalSoftware']);
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.medical');
    expect(config.win.target).toBe('nsis');
  });

  it('points at icons that exist and are large enough', () => {
    const pngSize = (file: string) => {
      const bytes = readFileSync(join(ROOT, file));
      return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    };
    expect(pngSize(config.icon)).toEqual({ width: 512, height: 512 });
    for (const size of [256, 512])
      expect(pngSize(join(config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('packs the main bundle that package.json names', () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(packageJson.main).toBe('dist/electron/main.cjs');
  });
});
