/** How chunks are compressed; MCAP readers pick their decompressor by `name`. */
export interface ChunkCompression {
  name: 'zstd' | 'lz4';
  compress(data: Uint8Array): Uint8Array;
}

/** The WASM zstd build the Foxglove MCAP tools use: no native module, nothing downloaded at install. */
const ZSTD_PACKAGE = '@foxglove/wasm-zstd';
const ZSTD_LEVEL = 3;

interface WasmZstd {
  isLoaded: Promise<boolean>;
  compress(data: Uint8Array, level?: number): Uint8Array;
}

const isWasmZstd = (m: unknown): m is WasmZstd => typeof m === 'object' && m !== null && typeof (m as Partial<WasmZstd>).compress === 'function' && (m as Partial<WasmZstd>).isLoaded instanceof Promise;

/**
 * zstd when its package is installed; otherwise undefined and chunks are written uncompressed
 * (still valid MCAP, larger). The package is looked up at run time so the recorder works, and
 * says which, whether or not it is there.
 */
export async function loadZstd(load: (name: string) => Promise<unknown> = (name) => import(/* @vite-ignore */ name)): Promise<ChunkCompression | undefined> {
  try {
    const loaded = await load(ZSTD_PACKAGE);
    const m = isWasmZstd(loaded) ? loaded : (loaded as { default?: unknown }).default;
    if (!isWasmZstd(m)) return undefined;
    await m.isLoaded;
    return { name: 'zstd', compress: (data) => m.compress(data, ZSTD_LEVEL) };
  } catch {
    return undefined;
  }
}
