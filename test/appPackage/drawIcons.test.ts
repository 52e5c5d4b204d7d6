import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../src/appPackage/drawIcons';
import { checkIcons } from '../../src/appPackage/iconChecks';
import { readRepoIcon } from './helpers';

describe('drawIcons', () => {
  // Drawing the 192×192 icon is the slow part; draw each icon once for all tests.
  let color: Buffer;
  let outline: Buffer;
  beforeAll(() => {
    color = drawColorIcon();
    outline = drawOutlineIcon();
  });

  it('draws icons that pass the icon checks', () => {
    expect(checkIcons({ colorName: 'color.png', color, outlineName: 'outline.png', outline })).toEqual([]);
  });

  it('draws an outline with both transparent and fully white pixels', () => {
    const png = PNG.sync.read(outline);
    const alphas = Array.from({ length: png.width * png.height }, (_v, i) => png.data[i * 4 + 3]);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(0);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(0);
  });

  it.each(['color.png', 'outline.png'] as const)(
    'matches the committed appPackage/%s (re-run the icons script after changing the art)',
    async (name) => {
      const committed = PNG.sync.read(await readRepoIcon(name));
      const drawn = PNG.sync.read(name === 'color.png' ? color : outline);
      expect([drawn.width, drawn.height]).toEqual([committed.width, committed.height]);
      expect(Buffer.compare(drawn.data, committed.data)).toBe(0);
    },
  );
});
