import { promises as fs } from 'node:fs';
import path from 'node:path';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './iconChecks';
import { circle, hexColor, renderPng, roundedRect, TRANSPARENT, triangle, union, type Picture } from './raster';

/**
 * Draws Chat Starter's two icons: two overlapping speech bubbles. The colour icon puts them on
 * the accent colour; the outline icon is the same glyph as white strokes on transparency, as
 * Teams requires. Run `node dist-tools/appPackage/drawIcons.js [folder]` to (re)write the PNGs.
 */
export const ACCENT_COLOR = '#4B53BC';

const ACCENT = hexColor(ACCENT_COLOR);
const WHITE = hexColor('#FFFFFF');
const LAVENDER = hexColor('#D6D8F7');

export function drawColorIcon(): Buffer {
  const back = union(roundedRect(28, 36, 124, 110, 20), triangle([44, 100], [72, 100], [38, 134]));
  const front = union(roundedRect(68, 80, 164, 150, 20), triangle([124, 140], [152, 140], [158, 172]));
  const dots = union(circle(94, 115, 7), circle(116, 115, 7), circle(138, 115, 7));
  const gap = 6;
  const picture: Picture = (x, y) => {
    if (dots(x, y) <= 0) return ACCENT;
    if (front(x, y) <= 0) return LAVENDER;
    // A ring of background colour around the front bubble separates it from the back one.
    if (front(x, y) <= gap) return ACCENT;
    if (back(x, y) <= 0) return WHITE;
    return ACCENT;
  };
  return renderPng(COLOR_ICON_SIZE, picture);
}

export function drawOutlineIcon(): Buffer {
  const back = union(roundedRect(2.5, 4.5, 20.5, 17.5, 4), triangle([5.5, 15], [10, 15], [4.5, 22]));
  const front = union(roundedRect(11.5, 13.5, 29.5, 26.5, 4), triangle([22, 24], [26.5, 24], [27.5, 30.5]));
  const half = 1;
  const gap = 1.5;
  const picture: Picture = (x, y) => {
    const f = front(x, y);
    if (Math.abs(f) <= half) return WHITE;
    // The front bubble hides the back one's stroke where they overlap.
    if (f <= half + gap) return TRANSPARENT;
    return Math.abs(back(x, y)) <= half ? WHITE : TRANSPARENT;
  };
  return renderPng(OUTLINE_ICON_SIZE, picture);
}

export interface WrittenIcons {
  readonly colorPath: string;
  readonly outlinePath: string;
}

export async function writeIcons(folder: string): Promise<WrittenIcons> {
  const colorPath = path.join(folder, 'color.png');
  const outlinePath = path.join(folder, 'outline.png');
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(colorPath, drawColorIcon());
  await fs.writeFile(outlinePath, drawOutlineIcon());
  return { colorPath, outlinePath };
}

if (require.main === module) {
  const folder = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'appPackage'));
  writeIcons(folder).then(
    (written) => console.log(`Wrote ${written.colorPath} and ${written.outlinePath}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
