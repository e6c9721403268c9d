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
  decompress(data: Uint8Array, size: number): Uint8Array;
}

const isWasmZstd = (m: unknown): m is WasmZstd =>
  typeof m === 'object' && m !== null && typeof (m as Partial<WasmZstd>).compress === 'function' && typeof (m as Partial<WasmZstd>).decompress === 'function' && (m as Partial<WasmZstd>).isLoaded instanceof Promise;

/**
 * zstd when its package is installed; otherwise undefined and chunks are written uncompressed
 * (still valid MCAP, larger). The package is looked up at run time so the recorder works, and
 * says which, whether or not it is there.
 */
export async function loadZstd(load: (name: string) => Promise<unknown> = (name) => import(/* @vite-ignore */ name)): Promise<ChunkCompression | undefined> {
  const m = await loadWasmZstd(load);
  return m && { name: 'zstd', compress: (data) => m.compress(data, ZSTD_LEVEL) };
}

/** What an MCAP reader (`decompressHandlers`) needs to open the chunks the recorder writes. */
export type DecompressHandlers = Record<string, (data: Uint8Array, size: bigint) => Uint8Array>;

export async function loadDecompressHandlers(load: (name: string) => Promise<unknown> = (name) => import(/* @vite-ignore */ name)): Promise<DecompressHandlers> {
  const m = await loadWasmZstd(load);
  return m ? { zstd: (data, size) => m.decompress(data, Number(size)) } : {};
}

async function loadWasmZstd(load: (name: string) => Promise<unknown>): Promise<WasmZstd | undefined> {
  try {
    const loaded = await load(ZSTD_PACKAGE);
    const m = isWasmZstd(loaded) ? loaded : (loaded as { default?: unknown }).default;
    if (!isWasmZstd(m)) return undefined;
    await m.isLoaded;
    return m;
  } catch {
    return undefined;
  }
}
