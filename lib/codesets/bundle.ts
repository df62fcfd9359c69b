import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { CodeSetFormatError } from './parse-icd10cm-order';
import { BUNDLE_FORMAT_VERSION, type CodeSetBundle, type EditsBundle } from './types';

/** Anything the pipeline writes as a bundle file. */
export type AnyBundle = CodeSetBundle | EditsBundle;

/** Serialises a bundle as gzip-compressed JSON, the format shipped in the extension. */
export function encodeBundle(bundle: AnyBundle): Uint8Array {
  return gzipSync(strToU8(JSON.stringify(bundle)), { level: 9 });
}

/**
 * Reads a bundle file back and checks its shape, so a damaged or foreign file is refused
 * before anything stored is touched.
 */
export function decodeBundle(bytes: Uint8Array, sourceName = 'code-set bundle'): AnyBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(gunzipSync(bytes)));
  } catch {
    throw new CodeSetFormatError(sourceName, 'not a Chart Coder bundle (it is not gzip-compressed JSON, or it is damaged)');
  }
  return validateBundle(parsed, sourceName);
}

/** Checks a parsed bundle object: known format version, an id, and the expected arrays. */
export function validateBundle(value: unknown, sourceName = 'code-set bundle'): AnyBundle {
  if (!value || typeof value !== 'object') throw new CodeSetFormatError(sourceName, 'not a bundle object');
  const b = value as Partial<CodeSetBundle & EditsBundle>;
  if (b.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new CodeSetFormatError(sourceName, `bundle format ${String(b.formatVersion)} is not supported (this version reads ${BUNDLE_FORMAT_VERSION})`);
  }
  if (typeof b.id !== 'string' || !b.id) throw new CodeSetFormatError(sourceName, 'the bundle has no id');
  if (isCodeSetBundle(b as AnyBundle)) {
    if (!Array.isArray(b.codes) || b.codes.length === 0) throw new CodeSetFormatError(sourceName, `bundle ${b.id} holds no codes`);
  } else if (!Array.isArray(b.placeOfService) || !b.mue || !b.mce) {
    throw new CodeSetFormatError(sourceName, `bundle ${b.id} is neither a code set nor an edits bundle`);
  }
  return b as AnyBundle;
}

/** Whether a bundle is a code set (as opposed to the CMS edit tables). */
export function isCodeSetBundle(bundle: AnyBundle): bundle is CodeSetBundle {
  return 'system' in bundle && 'codes' in bundle;
}
