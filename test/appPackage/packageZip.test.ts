// @microsoft/app-manifest requires strip-bom 5 (an ES module), which jest cannot load; unused here.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { COMMANDS } from '../../src/commands/catalog';
import { zipAppPackage } from '../../src/appPackage/packageZip';
import { validateAppPackageZip } from '../../src/appPackage/validatePackage';
import { readRepoIcon } from './helpers';
import { filledDevManifest } from './manifestFixtures';

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

async function packageWith(icons: { color?: Buffer; outline?: Buffer }): Promise<Buffer> {
  const manifestText = JSON.stringify(await filledDevManifest());
  return zipAppPackage({
    manifestText,
    icons: new Map([
      ['color.png', icons.color ?? (await readRepoIcon('color.png'))],
      ['outline.png', icons.outline ?? (await readRepoIcon('outline.png'))],
    ]),
  });
}

describe('validateAppPackageZip', () => {
  it('accepts a package built from the repository icons', async () => {
    expect(await validateAppPackageZip(await packageWith({}), { commands: COMMANDS })).toEqual([]);
  });

  it('rejects a colour icon of the wrong size', async () => {
    const problems = await validateAppPackageZip(await packageWith({ color: solidPng(96, [75, 83, 188, 255]) }), { commands: COMMANDS });
    expect(problems).toEqual([{ field: 'color.png', message: 'must be 192×192 pixels, is 96×96' }]);
  });

  it('rejects an outline icon of the wrong size', async () => {
    const outline = solidPng(64, [255, 255, 255, 0]);
    const problems = await validateAppPackageZip(await packageWith({ outline }), { commands: COMMANDS });
    expect(problems).toContainEqual({ field: 'outline.png', message: 'must be 32×32 pixels, is 64×64' });
  });

  it('rejects an outline icon without a transparent background', async () => {
    const problems = await validateAppPackageZip(await packageWith({ outline: solidPng(32, [255, 255, 255, 255]) }), { commands: COMMANDS });
    expect(problems).toEqual([{ field: 'outline.png', message: expect.stringContaining('transparent background') }]);
  });

  it('rejects an outline icon drawn in a colour other than white', async () => {
    const png = PNG.sync.read(await readRepoIcon('outline.png'));
    for (let i = 0; i < png.data.length; i += 4) {
      if ((png.data[i + 3] ?? 0) > 0) png.data.set([0, 0, 0], i);
    }
    const problems = await validateAppPackageZip(await packageWith({ outline: PNG.sync.write(png) }), { commands: COMMANDS });
    expect(problems).toEqual([{ field: 'outline.png', message: expect.stringContaining('not white') }]);
  });

  it('rejects a zip with folders or extra files', async () => {
    const zip = await JSZip.loadAsync(await packageWith({}));
    zip.file('extra.txt', 'hello');
    zip.file('icons/color.png', await readRepoIcon('color.png'));
    const problems = await validateAppPackageZip(await zip.generateAsync({ type: 'nodebuffer' }), { commands: COMMANDS });
    expect(problems.map((p) => p.field).sort()).toEqual(['extra.txt', 'icons/', 'icons/color.png']);
  });

  it('rejects a zip whose manifest is not at the root', async () => {
    const zip = new JSZip();
    zip.file('package/manifest.json', JSON.stringify(await filledDevManifest()));
    const problems = await validateAppPackageZip(await zip.generateAsync({ type: 'nodebuffer' }), { commands: COMMANDS });
    expect(problems).toContainEqual({ field: 'manifest.json', message: 'missing from the root of the zip' });
  });

  it('rejects something that is not a zip', async () => {
    const problems = await validateAppPackageZip(Buffer.from('not a zip'), { commands: COMMANDS });
    expect(problems).toEqual([{ field: '(zip)', message: expect.stringContaining('not a readable zip') }]);
  });
});
