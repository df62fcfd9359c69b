/**
 * The binary container an index snapshot is written in: a small JSON header, then strings and
 * typed arrays as raw aligned blocks, so loading is a few views over one buffer rather than a parse.
 *
 * Layout: "CCSI" · u32 formatVersion · u32 header length · header JSON · padding to 8 · blocks.
 */

/** Version of the snapshot layout and of the index it holds; {@link decodeSnapshotParts} refuses others. */
export const SNAPSHOT_FORMAT_VERSION = 2;

/** Typed arrays a snapshot can hold. */
export type SnapshotArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

/** What a snapshot holds, by name. */
export interface SnapshotParts {
  formatVersion: number;
  /** Small JSON-safe values (counts, options). */
  meta: Record<string, unknown>;
  strings: Record<string, string>;
  arrays: Record<string, SnapshotArray>;
}

/** Error raised for bytes that are not a snapshot this version can read. */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(`code search snapshot: ${message}`);
    this.name = 'SnapshotFormatError';
  }
}

/** Writes parts into one byte array. */
export function encodeSnapshotParts(parts: SnapshotParts): Uint8Array {
  const encoder = new TextEncoder();
  const blocks: { bytes: Uint8Array; entry: Record<string, unknown> }[] = [];
  let offset = 0;
  const place = (bytes: Uint8Array, entry: Record<string, unknown>) => {
    blocks.push({ bytes, entry: { ...entry, offset } });
    offset = align(offset + bytes.byteLength);
  };
  for (const [name, text] of Object.entries(parts.strings)) {
    const bytes = encoder.encode(text);
    place(bytes, { name, kind: 'string', byteLength: bytes.byteLength });
  }
  for (const [name, array] of Object.entries(parts.arrays)) {
    place(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), { name, kind: ARRAY_KIND.get(array.constructor)!, length: array.length });
  }
  const header = encoder.encode(JSON.stringify({ formatVersion: parts.formatVersion, meta: parts.meta, blocks: blocks.map((b) => b.entry) }));
  const base = align(12 + header.byteLength);
  const out = new Uint8Array(base + offset);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, parts.formatVersion, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 12);
  for (const block of blocks) out.set(block.bytes, base + (block.entry.offset as number));
  return out;
}

/**
 * Reads a byte array written by {@link encodeSnapshotParts}. Arrays are views over the input when it is
 * aligned (copied once otherwise), so the input must not be modified afterwards.
 *
 * @throws SnapshotFormatError when the bytes are not a snapshot or have another format version.
 */
export function decodeSnapshotParts(input: Uint8Array): SnapshotParts {
  if (input.byteLength < 12 || MAGIC.some((b, i) => input[i] !== b)) throw new SnapshotFormatError('not a Chart Coder search snapshot');
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotFormatError(`format ${version} is not supported (this version reads ${SNAPSHOT_FORMAT_VERSION}); rebuild the index`);
  }
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.byteLength) throw new SnapshotFormatError('truncated header');
  const decoder = new TextDecoder();
  const header = JSON.parse(decoder.decode(bytes.subarray(12, 12 + headerLength))) as {
    formatVersion: number;
    meta: Record<string, unknown>;
    blocks: { name: string; kind: string; offset: number; byteLength?: number; length?: number }[];
  };
  const base = bytes.byteOffset + align(12 + headerLength);
  const parts: SnapshotParts = { formatVersion: header.formatVersion, meta: header.meta, strings: {}, arrays: {} };
  for (const block of header.blocks) {
    const start = base + block.offset;
    if (block.kind === 'string') {
      if (start + block.byteLength! > bytes.byteOffset + bytes.byteLength) throw new SnapshotFormatError(`truncated block ${block.name}`);
      parts.strings[block.name] = decoder.decode(new Uint8Array(bytes.buffer, start, block.byteLength));
      continue;
    }
    const Ctor = ARRAY_CTORS[block.kind];
    if (!Ctor) throw new SnapshotFormatError(`unknown block kind ${block.kind}`);
    if (start + block.length! * Ctor.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) throw new SnapshotFormatError(`truncated block ${block.name}`);
    parts.arrays[block.name] = new Ctor(bytes.buffer, start, block.length!);
  }
  return parts;
}

const MAGIC = new Uint8Array([0x43, 0x43, 0x53, 0x49]); // "CCSI"

type ArrayCtor = { new (buffer: ArrayBufferLike, offset: number, length: number): SnapshotArray; BYTES_PER_ELEMENT: number };
const ARRAY_CTORS: Record<string, ArrayCtor> = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
};
const ARRAY_KIND = new Map<unknown, string>(Object.entries(ARRAY_CTORS).map(([k, v]) => [v, k]));

function align(n: number): number {
  return (n + 7) & ~7;
}
