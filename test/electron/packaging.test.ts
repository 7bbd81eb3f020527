// electron-builder.yml checked by electron-builder's own loader and schema validator (packaging itself needs
// the Electron download, so it cannot run here), plus the icons it points at.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = join(__dirname, '..', '..');
type Config = Awaited<ReturnType<typeof getConfig>>;

const loaded = getConfig(root, null, null);

/** electron-builder.yml as electron-builder itself loads it; a private copy per caller. */
async function load(): Promise<Config> {
  return structuredClone(await loaded);
}

function validate(config: Config): Promise<void> {
  return validateConfiguration(config, new DebugLogger(false));
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('electron-builder.yml passes electron-builder’s schema validation', async () => {
  await validate(await load());
});

test('the validator really rejects broken configurations', async () => {
  const config = await load();
  const broken: Array<[string, Config]> = [
    ['a fuse that is not a boolean', { ...config, electronFuses: { runAsNode: 'no' as unknown as boolean } }],
    ['an unknown top-level option', { ...config, productname: 'typo' } as Config],
    ['an unknown fuse', { ...config, electronFuses: { runAsNodeX: false } as Config['electronFuses'] }],
    ['a target without its name', { ...config, linux: { target: [{ arch: ['x64'] } as unknown as string] } }],
    ['nsis options of the wrong type', { ...config, nsis: { oneClick: 'yes' as unknown as boolean } }],
  ];
  for (const [what, bad] of broken) {
    await assert.rejects(validate(bad), /configuration object that does not match the API schema/, what);
  }
});

test('identity, targets, asar and the unpacked native module', async () => {
  const config = await load();
  assert.equal(config.appId, 'app.hearth.chat');
  assert.equal(config.productName, 'Hearth');
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.equal(config.win?.target, 'nsis');
  assert.equal(config.mac?.target, 'dmg');
  assert.equal(config.asar, true);
  assert.deepEqual(config.asarUnpack, ['**/*.node']);
  const files = JSON.stringify(config.files);
  for (const entry of ['package.json', 'dist-main/**', 'dist-renderer/**', 'assets/icons/**']) {
    assert.ok(files.includes(entry), `${entry} is packaged`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  assert.match(pkg.main, /^dist-main\//, 'the packaged entry point is inside dist-main');
});

test('the hardening fuses are set', async () => {
  const { electronFuses } = await load();
  assert.deepEqual(electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('the icons exist at the sizes each platform needs', async () => {
  const config = await load();
  for (const icon of [config.win?.icon, config.mac?.icon]) {
    assert.ok(icon, 'an icon is configured');
    const { width, height } = pngSize(join(root, icon));
    assert.equal(width, height);
    assert.ok(width >= 1024, `${icon} is large enough for macOS (${width}px)`);
  }
  const dir = join(root, config.linux?.icon ?? '');
  const sizes = readdirSync(dir)
    .map((name) => {
      const match = /^(\d+)x(\d+)\.png$/.exec(name);
      assert.ok(match, `${name} is named WIDTHxHEIGHT.png`);
      assert.deepEqual(pngSize(join(dir, name)), { width: Number(match[1]), height: Number(match[2]) }, name);
      return Number(match[1]);
    })
    .sort((a, b) => a - b);
  for (const needed of [16, 32, 64, 128, 256, 512, 1024])
    assert.ok(sizes.includes(needed), `${needed}px icon`);
});
