import { PNG } from 'pngjs';
import type { PackageProblem } from './appPackageError';

/**
 * Icon rules Teams enforces on upload that a JSON schema cannot express: the colour icon is a
 * 192×192 PNG; the outline icon is a 32×32 PNG, white on a transparent background.
 */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface IconFiles {
  /** Name in the package, used as the problem's field. */
  readonly colorName: string;
  readonly color: Buffer;
  readonly outlineName: string;
  readonly outline: Buffer;
}

export function checkIcons(icons: IconFiles): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const color = decode(icons.colorName, icons.color, problems);
  if (color) checkSize(icons.colorName, color, COLOR_ICON_SIZE, problems);
  const outline = decode(icons.outlineName, icons.outline, problems);
  if (outline) {
    checkSize(icons.outlineName, outline, OUTLINE_ICON_SIZE, problems);
    problems.push(...checkOutlinePixels(icons.outlineName, outline));
  }
  return problems;
}

function decode(name: string, data: Buffer, problems: PackageProblem[]): PNG | undefined {
  try {
    return PNG.sync.read(data);
  } catch (error) {
    problems.push({ field: name, message: `is not a readable PNG (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
}

function checkSize(name: string, png: PNG, size: number, problems: PackageProblem[]): void {
  if (png.width !== size || png.height !== size) {
    problems.push({ field: name, message: `must be ${size}×${size} pixels, is ${png.width}×${png.height}` });
  }
}

/** pngjs decodes every PNG to 8-bit RGBA, so one loop covers palette and grey images too. */
function checkOutlinePixels(name: string, png: PNG): PackageProblem[] {
  let transparent = 0;
  let drawn = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3] ?? 0;
    if (alpha === 0) {
      transparent += 1;
      continue;
    }
    drawn += 1;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured += 1;
  }
  const problems: PackageProblem[] = [];
  if (transparent === 0) problems.push({ field: name, message: 'must have a transparent background (no pixel is transparent)' });
  if (drawn === 0) problems.push({ field: name, message: 'is fully transparent; it must show a white outline' });
  if (coloured > 0) problems.push({ field: name, message: `must be white on transparent; ${coloured} visible pixels are not white` });
  return problems;
}
