import * as zlib from 'zlib';

/** One regular file of an npm package tarball. */
export interface TarFile {
  /** The path inside the package, without npm's leading `package/` folder. */
  readonly path: string;
  readonly content: Buffer;
}

const BLOCK = 512;

/**
 * Reads the regular files of a gzipped tar (an `npm pack` tarball), offline:
 * ustar headers with their `prefix` field, pax extended headers (`x`, for
 * long paths) and GNU long names (`L`). Links, folders and devices are
 * skipped.
 */
export function readTgz(gzipped: Buffer): TarFile[] {
  const tar = zlib.gunzipSync(gzipped);
  const files: TarFile[] = [];
  let longPath: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every(byte => byte === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longPath = paxPath(body.toString('utf8')) ?? longPath;
      continue;
    }
    if (type === 'L') {
      longPath = body.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longPath = undefined;
    if (type !== '0' && type !== '\0') continue;
    files.push({ path: name.replace(/^[^/]+\//, ''), content: body });
  }
  return files;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** The `path` record of a pax header (`<length> path=<value>\n` records). */
function paxPath(records: string): string | undefined {
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records);
  return match?.[1];
}
